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
 * Only the product q·rᵀ (and ‖q‖²) runs on the backend. The element-wise steps run here in
 * float32, which saves five backend passes over the block and, on wasm, the copy out of the
 * backend (`hostValues`); the result is within float32 rounding of the float64 distance (tested
 * by brute force). Writes into `out` when it has rows × references entries.
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
    const rSq = ref.refSq;
    const kind = distanceKind(distance);
    for (let i = 0; i < rows; i++) {
      const qi = qSq[i];
      const base = i * nr;
      for (let j = 0; j < nr; j++) m[base + j] = f32Distance(kind, qi, g[base + j], rSq[j]);
    }
    return m;
  } finally {
    gram.dispose();
    sq.dispose();
  }
}

/** 0 cosine, 1 squared euclidean, 2 euclidean: a number, so the hot loops branch on an integer. */
export type DistanceKind = 0 | 1 | 2;

export function distanceKind(distance: DistanceName): DistanceKind {
  return distance === 'cosine' ? 0 : distance === 'squared-euclidean' ? 1 : 2;
}

/**
 * One distance from its product g = q·r and the squared norms, in float32 steps (see
 * blockDistances): 1 − g for cosine, else ‖q‖² − 2g + ‖r‖² clamped at 0, square-rooted
 * for euclidean. Every block path calls this, so every path ranks neighbours identically.
 */
export function f32Distance(kind: DistanceKind, qSq: number, g: number, rSq: number): number {
  if (kind === 0) return f32(1 - g);
  const s = f32(f32(qSq - 2 * g) + rSq);
  const v = s > 0 ? s : 0;
  return kind === 2 ? f32(Math.sqrt(v)) : v;
}

export function unitRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-12)));
}
