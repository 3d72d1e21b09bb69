import * as tf from '@tensorflow/tfjs';
import { gatherRows } from './gather-rows';

/**
 * Distances of the listed (i, j) pairs, gathered from a full distance matrix. Going through the
 * matrix keeps one gradient-safe formula (see pairwiseDistances) for every loss.
 */
export function gatherPairs(dist: tf.Tensor2D, rows: tf.Tensor1D, cols: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const n = dist.shape[1];
    const flat = tf.add(tf.mul(rows, tf.scalar(n, 'int32')), cols) as tf.Tensor1D;
    return gatherRows(tf.reshape(dist, [-1]) as tf.Tensor1D, flat);
  });
}
