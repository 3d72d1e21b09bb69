import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../../kernel/triplet/backend';
import { assertClose, onBothBackends, randomValues } from './on-both-backends';

before(async () => {
  assert.equal((await ready()).name, 'wasm');
});

describe('matrix products with transposed operands on wasm match cpu', () => {
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
    test(`matMul transposeA=${ta} transposeB=${tb}, rank 2 and 3, and fused with bias and relu`, async () => {
      const r = await onBothBackends(() => {
        const a = tf.tensor2d(randomValues(7 * 5, 1), ta ? [5, 7] : [7, 5]);
        const b = tf.tensor2d(randomValues(5 * 3, 2), tb ? [3, 5] : [5, 3]);
        const a3 = tf.tensor3d(randomValues(2 * 7 * 5, 3), ta ? [2, 5, 7] : [2, 7, 5]);
        const b3 = tf.tensor3d(randomValues(2 * 5 * 3, 4), tb ? [2, 3, 5] : [2, 5, 3]);
        const bias = tf.tensor1d(randomValues(3, 5));
        return [tf.matMul(a, b, ta, tb), tf.matMul(a3, b3, ta, tb), tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias, activation: 'relu' })];
      });
      r.wasm.forEach((v, i) => assertClose(v, r.cpu[i], 1e-6, `product ${i}`));
    });
  }
});

describe('gather on wasm matches cpu', () => {
  test('axis 0, 1 and −1, repeated indices, int32 values; an out-of-range index is refused', async () => {
    const r = await onBothBackends(() => {
      const x = tf.tensor3d(randomValues(4 * 5 * 3, 9), [4, 5, 3]);
      const idx = tf.tensor1d([3, 0, 3, 1], 'int32');
      return [tf.gather(x, idx, 0), tf.gather(x, idx, 1), tf.gather(x, tf.tensor2d([2, 0, 1, 1], [2, 2], 'int32'), -1), tf.gather(tf.tensor1d([5, 6, 7], 'int32'), [2, 2, 0])];
    });
    r.wasm.forEach((v, i) => assertClose(v, r.cpu[i], 0, `gather ${i}`));
    assert.throws(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([0, 3], 'int32')), /index value 3 is not in \[0, 2\]/);
  });
});
