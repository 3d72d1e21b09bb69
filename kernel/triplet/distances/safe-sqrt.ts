import * as tf from '@tensorflow/tfjs';

/*
 * √x for x ≥ 0 whose gradient is 0 (not ∞ or NaN) where x = 0, the role of TF Addons'
 * `pairwise_distance` masking of ε into the square root. It is a custom gradient because tfjs
 * has no gradient for comparison ops, so a mask built from x cannot sit on the gradient path.
 */
const impl = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const y = tf.sqrt(x);
  save([y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [root] = saved;
      const positive = tf.greater(root, 0);
      return [tf.where(positive, tf.div(dy, tf.mul(2, tf.where(positive, root, tf.onesLike(root)))), tf.zerosLike(root))];
    },
  };
});

export function safeSqrt<T extends tf.Tensor>(x: T): T {
  return impl(x) as T;
}
