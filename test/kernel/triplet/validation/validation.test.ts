import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { assertEmbeddings, assertHasPositives, assertLabels, assertNonEmpty, TripletInputError } from '../../../../kernel/triplet/validation';
import { useCpu } from '../brute-force';

before(useCpu);

function throwsInput(fn: () => unknown, re: RegExp, argument: string, functionName: string): void {
  assert.throws(fn, (e: unknown) => e instanceof TripletInputError && re.test(e.message) && e.argument === argument && e.functionName === functionName, String(re));
}

test('assertEmbeddings accepts finite float32 rank-2 and names the problem otherwise', () => {
  const ok = tf.tensor2d([[1, 2], [3, 4]]);
  assert.doesNotThrow(() => assertEmbeddings(ok, 'embeddings', 'f'));
  throwsInput(() => assertEmbeddings([[1, 2]], 'embeddings', 'f'), /must be a tf.Tensor2D, got an array/, 'embeddings', 'f');
  throwsInput(() => assertEmbeddings(tf.tensor1d([1]), 'emb', 'g'), /must have rank 2/, 'emb', 'g');
  throwsInput(() => assertEmbeddings(tf.tensor2d([[1]], [1, 1], 'int32'), 'e', 'f'), /dtype float32.*toFloat/, 'e', 'f');
  throwsInput(() => assertEmbeddings(tf.tensor2d([], [0, 4]), 'e', 'f'), /empty batch/, 'e', 'f');
  throwsInput(() => assertEmbeddings(tf.tensor2d([[1, Infinity]]), 'e', 'f'), /NaN or Infinity.*learning rate/, 'e', 'f');
  throwsInput(() => assertEmbeddings(tf.tensor2d([[NaN, 1]]), 'e', 'batchHardLoss'), /^batchHardLoss: argument 'e'/, 'e', 'batchHardLoss');
  ok.dispose();
});

test('assertLabels returns an Int32Array copy and rejects wrong length, rank, dtype and non-integers', () => {
  assert.deepEqual(assertLabels([1, 2, 2], 3, 'f'), Int32Array.from([1, 2, 2]));
  assert.deepEqual(assertLabels(tf.tensor1d([1, 0], 'float32'), 2, 'f'), Int32Array.from([1, 0]));
  throwsInput(() => assertLabels([1, 2], 3, 'f'), /has 2 entries but the embeddings have 3 rows/, 'labels', 'f');
  throwsInput(() => assertLabels(tf.tensor2d([[1, 2]]), 2, 'f'), /must be 1-d.*argMax/, 'labels', 'f');
  throwsInput(() => assertLabels([0, 1.5], 2, 'f'), /entry 1 is 1.5/, 'labels', 'f');
  throwsInput(() => assertLabels('ab', 2, 'f'), /must be a tf.Tensor1D/, 'labels', 'f');
  throwsInput(() => assertLabels(tf.tensor1d(['a', 'b']), 2, 'f'), /dtype string/, 'labels', 'f');
});

test('assertHasPositives and assertNonEmpty', () => {
  assert.doesNotThrow(() => assertHasPositives(Int32Array.from([0, 1, 1]), 'f'));
  throwsInput(() => assertHasPositives(Int32Array.from([0, 1, 2]), 'f'), /single sample per class.*K: 2/, 'labels', 'f');
  throwsInput(() => assertNonEmpty(0, 'x', 'f'), /empty batch/, 'x', 'f');
});
