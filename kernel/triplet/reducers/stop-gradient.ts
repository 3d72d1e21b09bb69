import * as tf from '@tensorflow/tfjs';

/*
 * Identity whose gradient is zero (TensorFlow's tf.stop_gradient, absent from tfjs). Needed
 * because tfjs has no gradient for comparisons: a count of non-zero losses derived from the
 * losses would otherwise break back-propagation.
 */
const impl = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x] = args as [tf.Tensor];
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => [tf.zerosLike(dy)] };
});

export function stopGradient<T extends tf.Tensor>(x: T): T {
  return impl(x) as T;
}
