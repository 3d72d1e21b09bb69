import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation/errors';
import type { EmbeddingModel, LabelledData } from './types';

export interface HostData {
  /** n × dims, owned by the caller of `toTensorData` when `owned` is true (dispose it). */
  x: tf.Tensor2D;
  owned: boolean;
  labels: Int32Array;
  n: number;
  dims: number;
}

function modelDims(model: EmbeddingModel): number | undefined {
  if (typeof model === 'function') return undefined;
  const shape = model.inputs[0]?.shape;
  const d = shape?.[shape.length - 1];
  return shape && shape.length === 2 && typeof d === 'number' ? d : undefined;
}

/**
 * Checks `data` (named `arg` in errors of `fn`) and returns it as one 2-D tensor plus int labels.
 * A flat Float32Array is split into rows of `dims` (or the model's input width).
 */
export function toTensorData(data: LabelledData, model: EmbeddingModel, arg: string, fn: string): HostData {
  if (!data || typeof data !== 'object') {
    throw new TripletInputError(arg, fn, 'is missing', `Pass { x, labels } with x a Float32Array or 2-D tensor and one label per row.`);
  }
  const labelsIn = data.labels;
  const split = data as unknown as Record<string, unknown>;
  if (labelsIn === undefined && split.train && typeof split.train === 'object' && 'labels' in split.train) {
    throw new TripletInputError(arg, fn, 'is a { train, test } split, not one data set', `Pass its part: ${arg === 'data' ? 'fit(model, split.train, …)' : 'split.test'}.`);
  }
  if (!(labelsIn instanceof Int32Array) && !Array.isArray(labelsIn)) {
    throw new TripletInputError(`${arg}.labels`, fn, 'is not an Int32Array or number[]', 'Pass integer class labels, one per row of x.');
  }
  const labels = labelsIn instanceof Int32Array ? labelsIn : Int32Array.from(labelsIn);
  for (let i = 0; i < labelsIn.length; i++) {
    const v = labelsIn[i];
    if (!Number.isInteger(v)) throw new TripletInputError(`${arg}.labels`, fn, `has ${String(v)} at index ${i}`, 'Use integer class ids.');
  }
  let x: tf.Tensor2D;
  let owned = false;
  if (data.x instanceof tf.Tensor) {
    if (data.x.rank !== 2) throw new TripletInputError(`${arg}.x`, fn, `has shape [${data.x.shape}]`, 'Pass a 2-D tensor [n, features] (reshape images to rows first).');
    x = data.x;
  } else if (data.x instanceof Float32Array) {
    const dims = data.dims ?? modelDims(model);
    if (!dims) throw new TripletInputError(`${arg}.dims`, fn, 'is missing', 'Give dims (features per row) with a flat Float32Array x, or pass x as a 2-D tensor.');
    if (data.x.length % dims !== 0) {
      throw new TripletInputError(`${arg}.x`, fn, `has ${data.x.length} values, not a multiple of dims = ${dims}`, 'Check dims or the data length.');
    }
    x = tf.tensor2d(data.x, [data.x.length / dims, dims]);
    owned = true;
  } else {
    throw new TripletInputError(`${arg}.x`, fn, 'is neither a Float32Array nor a tf.Tensor2D', 'Pass the inputs as a Float32Array (with dims) or a 2-D tensor.');
  }
  if (x.shape[0] !== labels.length) {
    if (owned) x.dispose();
    throw new TripletInputError(`${arg}.labels`, fn, `has ${labels.length} labels for ${x.shape[0]} rows of x`, 'Give exactly one label per row.');
  }
  if (x.shape[0] === 0) {
    if (owned) x.dispose();
    throw new TripletInputError(`${arg}.x`, fn, 'is empty', 'Pass at least one row per class, two or more per class for positives.');
  }
  return { x, owned, labels, n: x.shape[0], dims: x.shape[1] };
}
