import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation';

export function assertLossValues(values: unknown, functionName: string): asserts values is tf.Tensor {
  if (!(values instanceof tf.Tensor)) {
    throw new TripletInputError('values', functionName, `must be a tf.Tensor of per-element losses, got ${typeof values}`,
      'Pass the output of a loss such as batchHardTripletLoss(...).');
  }
}
