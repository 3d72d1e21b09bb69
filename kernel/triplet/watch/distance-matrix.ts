import * as tf from '@tensorflow/tfjs';
import { hostValues } from '../backend/host-values';
import type { DistanceName } from '../distances/types';

/** Above this many entries (16 MB of float32) the snapshot keeps the row-at-a-time paths. */
export const MATRIX_LIMIT = 4_000_000;

const f32 = Math.fround;

/**
 * All n × n distances in float32, equal bit for bit to `blockDistances` over the same rows (the
 * ops `chunkedKnn` ranks neighbours with), so neighbours picked from these rows are the ones
 * `chunkedKnn` picks. Only the Gram product x·xᵀ runs on the backend; the element-wise steps of
 * `blockDistances` (‖q‖² − 2g + ‖r‖², clamped, square root; or 1 − g) are redone here in the same
 * order with float32 rounding after each, which gives the same bits as the backend's float32 ops
 * (IEEE: each op correctly rounded; doubling is exact). That skips five backend passes over the
 * matrix and the copy out of the backend, and writes into `out` when it has the right size, so a
 * watch reuses one buffer across redraws.
 */
export function distanceMatrix(x: Float32Array, n: number, d: number, distance: DistanceName, out?: Float32Array): Float32Array {
  const m = out && out.length === n * n ? out : new Float32Array(n * n);
  const { gram, sq } = tf.tidy(() => {
    let r: tf.Tensor2D = tf.tensor2d(x, [n, d]);
    if (distance === 'cosine') r = tf.mul(r, tf.rsqrt(tf.maximum(tf.sum(tf.square(r), 1, true), 1e-12)));
    return { gram: tf.matMul(r, tf.transpose(r)), sq: tf.sum(tf.square(r), 1) };
  });
  try {
    const norms = sq.dataSync() as Float32Array;
    const g = hostValues(gram);
    if (distance === 'cosine') {
      for (let k = 0; k < n * n; k++) m[k] = f32(1 - g[k]);
      return m;
    }
    const root = distance === 'euclidean';
    for (let i = 0; i < n; i++) {
      const qi = norms[i];
      const base = i * n;
      for (let j = 0; j < n; j++) {
        const s = f32(f32(qi - 2 * g[base + j]) + norms[j]);
        const v = s > 0 ? s : 0;
        m[base + j] = root ? f32(Math.sqrt(v)) : v;
      }
    }
    return m;
  } finally {
    gram.dispose();
    sq.dispose();
  }
}
