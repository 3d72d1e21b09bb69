import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import type { DistanceName } from '../../../../kernel/triplet/distances/types';
import { blockDistances, referenceOperands } from '../../../../kernel/triplet/metrics/block-distances';

before(async () => {
  await ready();
});

/** The same distances computed entirely with TensorFlow.js ops, element-wise steps included. */
function withTfOps(q: Float32Array, r: Float32Array, rows: number, nr: number, d: number, distance: DistanceName): Float32Array {
  return tf.tidy(() => {
    const unit = (x: tf.Tensor2D): tf.Tensor2D => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-12)));
    let a: tf.Tensor2D = tf.tensor2d(q, [rows, d]);
    let b: tf.Tensor2D = tf.tensor2d(r, [nr, d]);
    if (distance === 'cosine') {
      a = unit(a);
      b = unit(b);
      return tf.sub(1, tf.matMul(a, tf.transpose(b))).dataSync() as Float32Array;
    }
    const sq = tf.relu(tf.add(tf.sub(tf.sum(tf.square(a), 1, true), tf.mul(2, tf.matMul(a, tf.transpose(b)))), tf.sum(tf.square(b), 1).reshape([1, nr])));
    return (distance === 'euclidean' ? tf.sqrt(sq) : sq).dataSync() as Float32Array;
  });
}

test('blockDistances gives the bits of the same computation done in TensorFlow.js ops', () => {
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  const rows = 37;
  const nr = 211;
  const d = 19;
  const q = Float32Array.from({ length: rows * d }, rand);
  const r = Float32Array.from({ length: nr * d }, rand);
  r.set(q.subarray(0, d), 5 * d); // one reference equal to query 0: a distance of exactly 0
  for (const distance of ['euclidean', 'squared-euclidean', 'cosine'] as DistanceName[]) {
    const ref = referenceOperands(r, nr, d, distance);
    try {
      const got = blockDistances(q, rows, d, ref, distance);
      const want = withTfOps(q, r, rows, nr, d, distance);
      let differ = 0;
      for (let k = 0; k < got.length; k++) if (!Object.is(got[k], want[k]) && !(got[k] === 0 && want[k] === 0)) differ++;
      assert.equal(differ, 0, `${distance}: ${differ} of ${got.length} entries differ from the tfjs ops`);
      const out = new Float32Array(rows * nr);
      assert.equal(blockDistances(q, rows, d, ref, distance, out), out, 'writes into a buffer of the right size');
    } finally {
      ref.refT.dispose();
    }
  }
});
