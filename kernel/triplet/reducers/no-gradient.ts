import * as tf from '@tensorflow/tfjs';

/**
 * `compute(...inputs)` treated as a constant by back-propagation (TensorFlow's tf.stop_gradient
 * around a sub-graph). tfjs has no gradient for comparisons or `any`, and an op without one
 * anywhere between the inputs and the loss aborts `tf.grad`; ops run inside a custom gradient's
 * forward pass are not recorded, so masks and selections built here are safe to use in a loss.
 */
export function noGradient(inputs: tf.Tensor[], compute: (...inputs: tf.Tensor[]) => tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xs = args.slice(0, inputs.length) as tf.Tensor[];
    return { value: compute(...xs), gradFunc: () => xs.map((x) => tf.zerosLike(x)) };
  });
  return op(...inputs);
}
