import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../../kernel/triplet/backend';
import { assertClose, onBothBackends, randomValues } from './on-both-backends';

const TOL = 1e-6;

before(async () => {
  assert.equal((await ready()).name, 'wasm');
});

const CASES: { x: number[]; size: number | [number, number]; stride: number | [number, number]; pad: 'same' | 'valid' }[] = [
  { x: [2, 8, 8, 3], size: 2, stride: 2, pad: 'valid' },
  { x: [2, 9, 7, 4], size: 2, stride: 2, pad: 'same' },
  { x: [1, 11, 11, 2], size: 3, stride: 2, pad: 'valid' },
  { x: [3, 10, 9, 5], size: 3, stride: 1, pad: 'same' },
  { x: [2, 13, 12, 1], size: [3, 2], stride: [2, 3], pad: 'same' },
];

describe('pooling gradients on wasm match cpu', () => {
  CASES.forEach((c, i) => {
    for (const kind of ['max', 'avg'] as const) {
      test(`${kind}Pool x ${c.x} size ${c.size} stride ${c.stride} ${c.pad}`, async () => {
        const xv = randomValues(c.x.reduce((a, b) => a * b), 50 + i);
        const r = await onBothBackends(() => {
          const x = tf.tensor4d(xv, c.x as [number, number, number, number]);
          const pool = (a: tf.Tensor) => (kind === 'max' ? tf.maxPool : tf.avgPool)(a as tf.Tensor4D, c.size, c.stride, c.pad);
          const y = pool(x);
          const rr = tf.tensor(randomValues(y.size, 60 + i), y.shape);
          return [y, tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a), rr)))(x)];
        });
        assertClose(r.wasm[0], r.cpu[0], TOL, 'output');
        assertClose(r.wasm[1], r.cpu[1], TOL, 'dL/dx');
      });
    }
  });

  test('maxPool: a window with tied maxima sends its gradient to the first one, as cpu does', async () => {
    const r = await onBothBackends(() => {
      const x = tf.tensor4d([2, 2, 0, 1, 2, 2, 3, 3], [1, 2, 4, 1]);
      return [tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid')))(x)];
    });
    assert.deepEqual(Array.from(r.wasm[0]), Array.from(r.cpu[0]));
    assert.deepEqual(Array.from(r.wasm[0]), [1, 0, 0, 0, 0, 0, 1, 0]);
  });
});

describe('gather gradient (UnsortedSegmentSum) on wasm', () => {
  test('matches cpu, repeated indices summed', async () => {
    const xv = randomValues(6 * 4, 70);
    const r = await onBothBackends(() => {
      const x = tf.tensor2d(xv, [6, 4]);
      const idx = tf.tensor1d([5, 0, 5, 2, 2, 2, 1], 'int32');
      const rr = tf.tensor2d(randomValues(7 * 4, 71), [7, 4]);
      return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.gather(a, idx), rr)))(x), tf.unsortedSegmentSum(x, tf.tensor1d([1, -1, 1, 3, 0, 9], 'int32'), 4)];
    });
    assertClose(r.wasm[0], r.cpu[0], TOL, 'dL/dx of gather');
    assertClose(r.wasm[1], r.cpu[1], TOL, 'unsortedSegmentSum with out-of-range ids dropped');
  });
});
