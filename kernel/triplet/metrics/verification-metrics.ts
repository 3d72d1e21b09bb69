import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation/errors';
import { equalErrorRate } from './eer';
import { rocAucFromDistances } from './roc-auc';

export type DistancesInput = tf.Tensor | Float32Array | Float64Array | number[];

export interface VerificationMetrics {
  /** P(positive distance < negative distance), ties ½: 1 = perfect separation, 0.5 = chance. */
  rocAuc: number;
  /** Error rate where false accepts = false rejects. */
  eer: number;
  /** Distance threshold at the EER ("same class" when distance ≤ threshold). */
  eerThreshold: number;
}

const FN = 'verificationMetrics';

function readDistances(x: DistancesInput, argument: string): Float64Array {
  let values: Float64Array;
  if (x instanceof tf.Tensor) values = Float64Array.from(x.dataSync() as ArrayLike<number>);
  else if (Array.isArray(x) || x instanceof Float32Array || x instanceof Float64Array) values = Float64Array.from(x);
  else {
    throw new TripletInputError(argument, FN, `must be a tensor, Float32Array or number[], got ${typeof x}`,
      'Pass the distances of same-class (positive) and different-class (negative) pairs.');
  }
  if (values.length === 0) {
    throw new TripletInputError(argument, FN, 'is empty', 'Both positive and negative pair distances are needed; check that the batch has 2+ classes with 2+ samples each.');
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new TripletInputError(argument, FN, `has ${values[i]} at index ${i}`, 'Distances must be finite; NaN usually means the embeddings diverged.');
    }
  }
  return values;
}

/** Verification view of a metric: how well one distance threshold separates same-class from different-class pairs. */
export function verificationMetrics(positiveDistances: DistancesInput, negativeDistances: DistancesInput): VerificationMetrics {
  const pos = readDistances(positiveDistances, 'positiveDistances');
  const neg = readDistances(negativeDistances, 'negativeDistances');
  return { rocAuc: rocAucFromDistances(pos, neg), ...equalErrorRate(pos, neg) };
}
