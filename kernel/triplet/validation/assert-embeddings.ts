import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from './errors';
import { assertNonEmpty } from './assert-non-empty';

/**
 * Checks that `x` is a non-empty rank-2 float32 tensor with finite values. Reading the finiteness
 * flag is one small synchronous download; a NaN here usually means training has diverged, and
 * reporting it at the loss is far clearer than a NaN loss curve later.
 */
export function assertEmbeddings(x: unknown, argument: string, functionName: string): asserts x is tf.Tensor2D {
  if (!(x instanceof tf.Tensor)) {
    throw new TripletInputError(argument, functionName, `must be a tf.Tensor2D, got ${describe(x)}`,
      'Pass the model output, e.g. tf.tensor2d(rows) or model.apply(inputs) as tf.Tensor2D.');
  }
  if (x.rank !== 2) {
    throw new TripletInputError(argument, functionName, `must have rank 2 [batch, dim], got shape [${x.shape.join(', ')}]`,
      'Reshape to [batch, dim], e.g. x.reshape([x.shape[0], -1]).');
  }
  if (x.dtype !== 'float32') {
    throw new TripletInputError(argument, functionName, `must have dtype float32, got ${x.dtype}`,
      `Cast it first: ${argument}.toFloat() or tf.cast(${argument}, 'float32').`);
  }
  assertNonEmpty(x.shape[0], argument, functionName);
  if (x.shape[1] === 0) {
    throw new TripletInputError(argument, functionName, 'has 0 columns', 'Embeddings need at least one dimension.');
  }
  const bad = tf.tidy(() => tf.logicalNot(tf.all(tf.isFinite(x))));
  const hasBad = bad.dataSync()[0] !== 0;
  bad.dispose();
  if (hasBad) {
    throw new TripletInputError(argument, functionName, 'contains NaN or Infinity values',
      'Training has probably diverged: lower the learning rate, check the inputs for NaN, or L2-normalise the embeddings.');
  }
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name}`;
  return typeof x;
}
