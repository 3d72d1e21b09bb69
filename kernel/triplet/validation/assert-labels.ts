import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from './errors';
import { describe } from './assert-embeddings';

export type LabelsInput = tf.Tensor1D | Int32Array | number[];

/**
 * Checks that `labels` is 1-d, integer-valued and has one entry per embedding row, and returns
 * a plain copy: triplet enumeration runs in JavaScript, so labels are read once here.
 */
export function assertLabels(labels: unknown, count: number, functionName: string, argument = 'labels'): Int32Array {
  let values: ArrayLike<number>;
  if (labels instanceof tf.Tensor) {
    if (labels.rank !== 1) {
      throw new TripletInputError(argument, functionName, `must be 1-d, got shape [${labels.shape.join(', ')}]`,
        'Pass class ids as tf.tensor1d(ids, "int32"); one-hot labels can be turned into ids with tf.argMax(onehot, 1).');
    }
    if (labels.dtype === 'string' || labels.dtype === 'complex64') {
      throw new TripletInputError(argument, functionName, `must hold integer class ids, got dtype ${labels.dtype}`,
        'Map class names to integer ids first.');
    }
    values = labels.dataSync() as ArrayLike<number>;
  } else if (Array.isArray(labels) || labels instanceof Int32Array) {
    values = labels;
  } else {
    throw new TripletInputError(argument, functionName, `must be a tf.Tensor1D, Int32Array or number[], got ${describe(labels)}`,
      'Pass one integer class id per embedding row.');
  }
  if (values.length !== count) {
    throw new TripletInputError(argument, functionName,
      `has ${values.length} entries but the embeddings have ${count} rows`,
      'Pass exactly one label per embedding row (same batch order).');
  }
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TripletInputError(argument, functionName, `entry ${i} is ${String(v)}, not an integer class id`,
        'Use integer class ids (e.g. 0..C-1).');
    }
    out[i] = v;
  }
  return out;
}
