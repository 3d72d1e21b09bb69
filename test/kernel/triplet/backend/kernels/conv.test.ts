import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../../kernel/triplet/backend';
import { assertClose, onBothBackends, randomValues } from './on-both-backends';

// Convolution outputs and both gradients, on wasm (tripletlab's kernels) against tfjs' cpu backend.
// dy is a fixed random tensor (the loss is Σ conv(x, f)·r), so every gradient entry is exercised.
const TOL = 1e-5;

before(async () => {
  const info = await ready();
  assert.equal(info.name, 'wasm');
});

type Pad = 'same' | 'valid';
interface Case { x: number[]; f: number[]; stride: number | [number, number]; pad: Pad }

const CONV_CASES: Case[] = [
  { x: [3, 9, 8, 2], f: [3, 3, 2, 4], stride: 1, pad: 'same' },
  { x: [2, 10, 9, 3], f: [3, 3, 3, 5], stride: 2, pad: 'valid' },
  { x: [2, 11, 10, 3], f: [3, 2, 3, 5], stride: 2, pad: 'same' },
  { x: [2, 28, 28, 1], f: [5, 5, 1, 4], stride: 2, pad: 'valid' },
  { x: [1, 7, 13, 4], f: [1, 1, 4, 6], stride: 1, pad: 'valid' },
  { x: [2, 12, 12, 5], f: [4, 4, 5, 3], stride: [2, 3], pad: 'same' },
  { x: [4, 6, 6, 8], f: [3, 3, 8, 8], stride: 3, pad: 'valid' },
  { x: [1, 5, 5, 2], f: [5, 5, 2, 2], stride: 1, pad: 'same' },
];

function convGrads(c: Case, seed: number, op: (x: tf.Tensor4D, f: tf.Tensor4D) => tf.Tensor4D): Promise<{ wasm: Float32Array[]; cpu: Float32Array[] }> {
  const xv = randomValues(c.x.reduce((a, b) => a * b), seed);
  const fv = randomValues(c.f.reduce((a, b) => a * b), seed + 1);
  return onBothBackends(() => {
    const x = tf.tensor4d(xv, c.x as [number, number, number, number]);
    const f = tf.tensor4d(fv, c.f as [number, number, number, number]);
    const y = op(x, f);
    const r = tf.tensor(randomValues(y.size, seed + 2), y.shape);
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D), r)))([x, f]);
    return [y, dx, df];
  });
}

describe('conv2d on wasm matches cpu', () => {
  CONV_CASES.forEach((c, i) => {
    test(`x ${c.x} filter ${c.f} stride ${c.stride} ${c.pad}: output, dL/dx, dL/dW`, async () => {
      const r = await convGrads(c, 10 * i + 1, (x, f) => tf.conv2d(x, f, c.stride, c.pad));
      ['output', 'dL/dx', 'dL/dW'].forEach((what, j) => assertClose(r.wasm[j], r.cpu[j], TOL, what));
    });
  });

  test('conv2dTranspose (which runs Conv2DBackpropInput forward) matches too', async () => {
    const xv = randomValues(2 * 5 * 6 * 4, 7);
    const fv = randomValues(3 * 3 * 3 * 4, 8);
    const r = await onBothBackends(() => [tf.conv2dTranspose(tf.tensor4d(xv, [2, 5, 6, 4]), tf.tensor4d(fv, [3, 3, 3, 4]), [2, 10, 11, 3], 2, 'same')]);
    assertClose(r.wasm[0], r.cpu[0], TOL, 'conv2dTranspose');
  });
});

const DEPTHWISE_CASES: Case[] = [
  { x: [2, 9, 8, 3], f: [3, 3, 3, 1], stride: 1, pad: 'same' },
  { x: [2, 10, 9, 3], f: [3, 3, 3, 2], stride: 2, pad: 'valid' },
  { x: [3, 11, 11, 4], f: [5, 5, 4, 3], stride: 2, pad: 'same' },
  { x: [1, 6, 7, 2], f: [2, 3, 2, 1], stride: 1, pad: 'valid' },
];

describe('depthwise and separable conv2d on wasm match cpu', () => {
  DEPTHWISE_CASES.forEach((c, i) => {
    test(`depthwise x ${c.x} filter ${c.f} stride ${c.stride} ${c.pad}: output, dL/dx, dL/dW`, async () => {
      const r = await convGrads(c, 100 + 10 * i, (x, f) => tf.depthwiseConv2d(x, f, c.stride as number, c.pad));
      ['output', 'dL/dx', 'dL/dW'].forEach((what, j) => assertClose(r.wasm[j], r.cpu[j], TOL, what));
    });
  });

  test('separableConv2d: output and all three gradients', async () => {
    const xv = randomValues(2 * 9 * 9 * 3, 31);
    const dv = randomValues(3 * 3 * 3 * 2, 32);
    const pv = randomValues(1 * 1 * 6 * 5, 33);
    const r = await onBothBackends(() => {
      const x = tf.tensor4d(xv, [2, 9, 9, 3]);
      const d = tf.tensor4d(dv, [3, 3, 3, 2]);
      const p = tf.tensor4d(pv, [1, 1, 6, 5]);
      const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.separableConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c as tf.Tensor4D, 2, 'same');
      const y = f(x, d, p);
      const rr = tf.tensor(randomValues(y.size, 34), y.shape);
      return [y, ...tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, b, c), rr)))([x, d, p])];
    });
    ['output', 'dL/dx', 'dL/d(depthwise)', 'dL/d(pointwise)'].forEach((what, j) => assertClose(r.wasm[j], r.cpu[j], TOL, what));
  });
});
