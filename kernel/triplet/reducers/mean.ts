import * as tf from '@tensorflow/tfjs';
import { assertLossValues } from './check';

/** Mean of all per-element losses; 0 (with a zero gradient) when there are none, never NaN. */
export function mean(values: tf.Tensor): tf.Scalar {
  assertLossValues(values, 'mean');
  return tf.tidy(() => tf.div(tf.sum(values), Math.max(values.size, 1)) as tf.Scalar);
}
