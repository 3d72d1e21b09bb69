import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csv } from '../../../../kernel/triplet/datasets';
import { TripletInputError } from '../../../../kernel/triplet/validation/errors';

test('csv detects a header and keeps label names, sorted', () => {
  const d = csv('a,b,species\n1,2,setosa\n3,4.5,virginica\n\n5,-6,setosa\n');
  assert.equal(d.n, 3);
  assert.equal(d.dims, 2);
  assert.deepEqual(Array.from(d.x), [1, 2, 3, 4.5, 5, -6]);
  assert.deepEqual(d.labelNames, ['setosa', 'virginica']);
  assert.deepEqual(Array.from(d.labels), [0, 1, 0]);
});

test('csv without header, label in the first column, numeric labels sorted numerically', () => {
  const d = csv('10,0.5,1\n2,0.25,2\r\n10,1,3', { labelColumn: 0 });
  assert.deepEqual(d.labelNames, ['2', '10']);
  assert.deepEqual(Array.from(d.labels), [1, 0, 1]);
  assert.deepEqual(Array.from(d.x), [0.5, 1, 0.25, 2, 1, 3]);
});

test('csv handles quoted fields and a label column given by name', () => {
  const d = csv('"name, full",x,y\n"Ada ""A"" L",1,2\n"B\nC",3,4', { labelColumn: 'name, full' });
  assert.deepEqual(d.labelNames, ['Ada "A" L', 'B\nC']);
  assert.deepEqual(Array.from(d.x), [1, 2, 3, 4]);
});

test('csv reads a file path', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tripletlab-csv-')), 'points.csv');
  fs.writeFileSync(file, '\uFEFFx,y,label\n0,1,a\n1,0,b\n');
  const d = csv(file);
  assert.deepEqual(d.labelNames, ['a', 'b']);
  fs.rmSync(path.dirname(file), { recursive: true });
});

test('csv errors name the line and how to fix it', () => {
  const expectError = (text: string, pattern: RegExp, options = {}) =>
    assert.throws(() => csv(text, options), (e: unknown) => {
      assert.ok(e instanceof TripletInputError, String(e));
      assert.match((e as Error).message, pattern);
      return true;
    });
  expectError('x,y,l\n1,2,a\n3,a\n', /line 3 has 2 fields, expected 3/);
  expectError('x,y,l\n1,2,a\n3,oops,b\n', /line 3, column "y" is "oops", not a number/);
  expectError('1,2,a\n3,4,\n', /line 2 has an empty label/);
  expectError('x,y,l\n1,2,a\n', /'options.labelColumn' is "z", which is not one of the header names/, { labelColumn: 'z' });
  expectError('1,2,a\n1,2,b\n', /'options.labelColumn' is 5 but rows have 3 columns/, { labelColumn: 5 });
  expectError('x,"y\n1,2', /quoted field is not closed/);
  expectError('no-such-file.csv', /csv: argument 'pathOrText' is a single line and no file "no-such-file.csv" exists/);
});
