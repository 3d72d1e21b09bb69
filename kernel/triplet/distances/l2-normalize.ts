import * as tf from '@tensorflow/tfjs';

/**
 * Rows scaled to unit L2 norm, x / sqrt(max(‖x‖², ε)) as `tf.math.l2_normalize` does, so an
 * all-zero row stays zero with a finite gradient instead of dividing by zero.
 */
export function l2Normalize<T extends tf.Tensor>(x: T, epsilon = 1e-12): T {
  return tf.tidy(() => {
    const sq = tf.sum(tf.square(x), -1, true);
    return tf.mul(x, tf.rsqrt(tf.maximum(sq, epsilon))) as T;
  });
}
