import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation';
import { mean } from './mean';
import { meanNonZero } from './mean-non-zero';
import { sum } from './sum';

export type Reducer = (values: tf.Tensor) => tf.Scalar;
export type ReducerName = 'mean' | 'mean-non-zero' | 'sum';

const REDUCERS: Record<ReducerName, Reducer> = { mean, 'mean-non-zero': meanNonZero, sum };

/** A reducer by name, or the function itself. */
export function getReducer(reducer: ReducerName | Reducer): Reducer {
  if (typeof reducer === 'function') return reducer;
  const found = (REDUCERS as Record<string, Reducer>)[reducer];
  if (!found) {
    throw new TripletInputError('reducer', 'getReducer', `is '${String(reducer)}', not a known reducer`,
      `Use one of: ${Object.keys(REDUCERS).map((k) => `'${k}'`).join(', ')}, or pass a function.`);
  }
  return found;
}
