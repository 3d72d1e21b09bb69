import * as tf from '@tensorflow/tfjs';
import type { DistanceName } from '../distances/types';

/** The reference side of a block product: rᵀ materialised once, and ‖r‖² as a row. */
export interface ReferenceOperands {
  refT: tf.Tensor2D;
  refSq: tf.Tensor2D;
}

/**
 * Prepares references for `blockDistances`. rᵀ is a materialised transpose: on the wasm backend
 * `matMul(…, transposeB)` runs about 10× slower than a plain product (measured on the 2-core
 * Node 20 machines this project runs on). The caller disposes both tensors.
 */
export function referenceOperands(data: Float32Array, n: number, dims: number, distance: DistanceName): ReferenceOperands {
  return tf.tidy(() => {
    let r: tf.Tensor2D = tf.tensor2d(data, [n, dims]);
    if (distance === 'cosine') r = unitRows(r);
    return { refT: tf.transpose(r), refSq: tf.sum(tf.square(r), 1).reshape([1, n]) as tf.Tensor2D };
  });
}

/**
 * Distances of `rows` query rows to every reference, ‖q‖² + ‖r‖² − 2 q·rᵀ (clamped at 0), as
 * float32 on the host. k-NN and the watch's full matrix share these exact ops, so both rank
 * neighbours identically.
 */
export function blockDistances(query: Float32Array, rows: number, dims: number, ref: ReferenceOperands, distance: DistanceName): Float32Array {
  const block = tf.tidy(() => {
    let q: tf.Tensor2D = tf.tensor2d(query, [rows, dims]);
    if (distance === 'cosine') {
      q = unitRows(q);
      return tf.sub(1, tf.matMul(q, ref.refT));
    }
    const sq = tf.relu(tf.add(tf.sub(tf.sum(tf.square(q), 1, true), tf.mul(2, tf.matMul(q, ref.refT))), ref.refSq));
    return distance === 'euclidean' ? tf.sqrt(sq) : sq;
  });
  const values = block.dataSync() as Float32Array;
  block.dispose();
  return values;
}

function unitRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-12)));
}
