import * as tf from '@tensorflow/tfjs';

/** Samples in host memory, row-major, ready for `toTensors()`, samplers and metrics. */
export interface Dataset {
  /** `n × dims` features, row-major. */
  x: Float32Array;
  /** Class id per sample, 0 … labelNames.length − 1. */
  labels: Int32Array;
  n: number;
  dims: number;
  /** `labelNames[id]`: the class's name in the source (digit, CSV value, folder name). */
  labelNames: string[];
  /** Per-sample shape when the features are an image ([height, width, channels]); else [dims]. */
  sampleShape: number[];
  /** `x` as an `[n, dims]` float32 tensor and labels as int32; the caller disposes them. */
  toTensors(): { x: tf.Tensor2D; labels: tf.Tensor1D };
}

export function makeDataset(x: Float32Array, labels: Int32Array, dims: number, labelNames: string[], sampleShape: number[] = [dims]): Dataset {
  const n = labels.length;
  return {
    x,
    labels,
    n,
    dims,
    labelNames,
    sampleShape,
    toTensors: () => ({ x: tf.tensor2d(x, [n, dims], 'float32'), labels: tf.tensor1d(labels, 'int32') }),
  };
}

/** The rows `indices` of `d`, in that order (a copy). */
export function takeRows(d: Dataset, indices: ArrayLike<number>): Dataset {
  const x = new Float32Array(indices.length * d.dims);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    x.set(d.x.subarray(r * d.dims, (r + 1) * d.dims), i * d.dims);
    labels[i] = d.labels[r];
  }
  return makeDataset(x, labels, d.dims, d.labelNames, d.sampleShape);
}
