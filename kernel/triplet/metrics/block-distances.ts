import * as tf from '@tensorflow/tfjs';
import { hostValues } from '../backend/host-values';
import type { DistanceName } from '../distances/types';

/** The reference side of a block product: rᵀ materialised once, and ‖r‖² on the host. */
export interface ReferenceOperands {
  refT: tf.Tensor2D;
  refSq: Float32Array;
}

/**
 * Prepares references for `blockDistances`. rᵀ is a materialised transpose: on the wasm backend
 * `matMul(…, transposeB)` runs about 10× slower than a plain product (measured on the 2-core
 * Node 20 machines this project runs on). The caller disposes `refT`.
 */
export function referenceOperands(data: Float32Array, n: number, dims: number, distance: DistanceName): ReferenceOperands {
  const { refT, sq } = tf.tidy(() => {
    let r: tf.Tensor2D = tf.tensor2d(data, [n, dims]);
    if (distance === 'cosine') r = unitRows(r);
    return { refT: tf.transpose(r), sq: tf.sum(tf.square(r), 1) };
  });
  const refSq = sq.dataSync() as Float32Array;
  sq.dispose();
  return { refT, refSq };
}

const f32 = Math.fround;

/**
 * Distances of `rows` query rows to every reference, ‖q‖² + ‖r‖² − 2 q·rᵀ (clamped at 0), or
 * 1 − q·rᵀ for cosine, as float32. k-NN and the watch's full matrix both read these values, so
 * both rank neighbours identically.
 *
 * Only the product q·rᵀ (and ‖q‖²) runs on the backend. The element-wise steps run here, in the
 * order the backend's float32 ops would take, rounding to float32 after each: each IEEE op is
 * correctly rounded and doubling is exact, so the bits are the backend's (tested against tfjs's
 * own ops). That saves five backend passes over the block and, on wasm, the copy out of the
 * backend (`hostValues`). Writes into `out` when it has rows × references entries.
 */
export function blockDistances(query: Float32Array, rows: number, dims: number, ref: ReferenceOperands, distance: DistanceName, out?: Float32Array): Float32Array {
  const nr = ref.refSq.length;
  const m = out && out.length === rows * nr ? out : new Float32Array(rows * nr);
  const { gram, sq } = tf.tidy(() => {
    let q: tf.Tensor2D = tf.tensor2d(query, [rows, dims]);
    if (distance === 'cosine') q = unitRows(q);
    return { gram: tf.matMul(q, ref.refT), sq: tf.sum(tf.square(q), 1) };
  });
  try {
    const qSq = sq.dataSync() as Float32Array;
    const g = hostValues(gram);
    if (distance === 'cosine') {
      for (let k = 0; k < rows * nr; k++) m[k] = f32(1 - g[k]);
      return m;
    }
    const rSq = ref.refSq;
    const root = distance === 'euclidean';
    for (let i = 0; i < rows; i++) {
      const qi = qSq[i];
      const base = i * nr;
      for (let j = 0; j < nr; j++) {
        const s = f32(f32(qi - 2 * g[base + j]) + rSq[j]);
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

function unitRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-12)));
}
