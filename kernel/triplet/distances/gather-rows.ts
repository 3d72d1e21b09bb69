import * as tf from '@tensorflow/tfjs';

/**
 * `tf.gather(x, indices)` along axis 0 with a gradient that scatters back through `scatterND`
 * (which sums repeated indices). The stock gradient of gather uses `UnsortedSegmentSum`, which the
 * wasm backend of tfjs 4.22 does not register, so any loss built on `tf.gather` cannot be trained
 * there.
 */
export function gatherRows<T extends tf.Tensor>(x: T, indices: tf.Tensor1D): T {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    // Saved so the indices outlive the tidy scope of the forward pass until back-propagation.
    save([indices]);
    return {
      value: tf.gather(input, indices),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.scatterND(tf.reshape(saved[0], [-1, 1]), dy, input.shape)],
    };
  });
  return op(x) as T;
}
