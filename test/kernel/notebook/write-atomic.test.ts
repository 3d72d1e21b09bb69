import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotebookWriteError, writeFileAtomic } from '../../../kernel/notebook/write-atomic';

test('writeFileAtomic replaces the file whole and leaves no temporary file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlab-atomic-'));
  const file = join(dir, 'nb.ipynb');
  writeFileSync(file, 'old');
  writeFileAtomic(file, '{"new": "😀"}');
  assert.equal(readFileSync(file, 'utf8'), '{"new": "😀"}');
  assert.deepEqual(readdirSync(dir), ['nb.ipynb']);
});

test('a write that fails leaves the old notebook as it was and says so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlab-atomic-'));
  const file = join(dir, 'nb.ipynb');
  writeFileSync(file, 'precious');
  // Writing to a path inside a missing folder fails the same way a full disk does: before rename.
  assert.throws(() => writeFileAtomic(join(dir, 'missing', 'nb.ipynb'), 'x'), NotebookWriteError);
  assert.equal(readFileSync(file, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(dir), ['nb.ipynb']);
});
