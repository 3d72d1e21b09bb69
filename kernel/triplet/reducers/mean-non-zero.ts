import * as tf from '@tensorflow/tfjs';
import { assertLossValues } from './check';
import { noGradient } from './no-gradient';

/**
 * Mean over the strictly positive losses only (pytorch-metric-learning's AvgNonZeroReducer): easy
 * triplets do not dilute the gradient as training progresses. 0 when every loss is 0.
 */
export function meanNonZero(values: tf.Tensor): tf.Scalar {
  assertLossValues(values, 'meanNonZero');
  return tf.tidy(() => {
    const count = noGradient([values], (v) => tf.sum(tf.cast(tf.greater(v, 0), 'float32')));
    return tf.div(tf.sum(values), tf.maximum(count, 1)) as tf.Scalar;
  });
}
