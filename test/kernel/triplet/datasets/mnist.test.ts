import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mnist, mnistAll, mnistSplit } from '../../../../kernel/triplet/datasets';

test('mnistAll reads the 10,000 digits of the package exactly, grouped by class', () => {
  const all = mnistAll();
  assert.equal(all.n, 10000);
  assert.equal(all.dims, 784);
  assert.deepEqual(all.sampleShape, [28, 28, 1]);
  const root = path.dirname(require.resolve('mnist/package.json'));
  let offset = 0;
  for (let digit = 0; digit < 10; digit++) {
    const raw: number[] = JSON.parse(fs.readFileSync(path.join(root, 'src', 'digits', `${digit}.json`), 'utf8')).data;
    const want = Float32Array.from(raw);
    const got = all.x.subarray(offset, offset + raw.length);
    assert.ok(got.every((v, i) => v === want[i]), `digit ${digit} pixels differ`);
    const rows = raw.length / 784;
    assert.ok(all.labels.subarray(offset / 784, offset / 784 + rows).every((l) => l === digit));
    offset += raw.length;
  }
  assert.equal(offset, all.x.length);
  assert.equal(mnistAll(), all, 'parsed once and cached');
});

test('mnistSplit is reproducible, disjoint and complete', () => {
  const a = mnistSplit({ seed: 0, train: 8000 });
  const b = mnistSplit({ seed: 0, train: 8000 });
  assert.equal(a.train.n, 8000);
  assert.equal(a.test.n, 2000);
  assert.deepEqual(a.train.labels, b.train.labels);
  assert.deepEqual(a.test.x, b.test.x);
  const other = mnistSplit({ seed: 1 });
  assert.notDeepEqual(other.train.labels, a.train.labels);
  // Every digit lands in exactly one part: the pixel sums per class add up to the whole set's.
  const all = mnistAll();
  const sums = (d: { x: Float32Array; labels: Int32Array; n: number }) => {
    const s = new Float64Array(10);
    for (let i = 0; i < d.n; i++) for (let j = 0; j < 784; j++) s[d.labels[i]] += d.x[i * 784 + j];
    return s;
  };
  const whole = sums(all);
  const parts = sums(a.train).map((v, c) => v + sums(a.test)[c]);
  parts.forEach((v, c) => assert.ok(Math.abs(v - whole[c]) < 1e-6 * whole[c], `class ${c}`));
  // Shuffled: the test set holds every class.
  assert.equal(new Set(a.test.labels).size, 10);
});

test('mnist takes train then test from one shuffle, and rejects too many digits', () => {
  const small = mnist({ train: 100, test: 50, seed: 0 });
  const split = mnistSplit({ seed: 0, train: 8000 });
  assert.deepEqual(small.train.labels, split.train.labels.subarray(0, 100));
  assert.deepEqual(small.test.labels, split.train.labels.subarray(100, 150));
  assert.throws(() => mnist({ train: 9000, test: 2000 }), /mnist: argument 'options.test' plus options.train is 11000, more than the 10000 digits/);
});
