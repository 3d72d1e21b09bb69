import * as tf from '@tensorflow/tfjs';
import { assertLossValues } from './check';

/** Sum of all per-element losses (0 when there are none). */
export function sum(values: tf.Tensor): tf.Scalar {
  assertLossValues(values, 'sum');
  return tf.tidy(() => tf.sum(values) as tf.Scalar);
}
