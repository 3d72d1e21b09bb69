import * as tf from '@tensorflow/tfjs';
import { assertEmbeddings, TripletInputError } from '../validation';
import { DistanceOptions, DISTANCE_NAMES } from './types';
import { l2Normalize } from './l2-normalize';
import { safeSqrt } from './safe-sqrt';

/**
 * Distance matrix D[i][j] = d(x_i, y_j) (y defaults to x, whose diagonal is then exactly 0).
 * Uses ‖x‖² + ‖y‖² − 2·x·yᵀ clamped at 0, as TF Addons' `pairwise_distance` does; for
 * `euclidean` the square root has a zero gradient where d² = 0 (TF Addons adds ε there and masks
 * it back), so duplicate embeddings give a zero distance with a zero, not NaN, gradient.
 */
export function pairwiseDistances(x: tf.Tensor2D, y?: tf.Tensor2D, options: DistanceOptions = {}): tf.Tensor2D {
  const fn = 'pairwiseDistances';
  assertEmbeddings(x, 'x', fn);
  if (y !== undefined) {
    assertEmbeddings(y, 'y', fn);
    if (y.shape[1] !== x.shape[1]) {
      throw new TripletInputError('y', fn, `has ${y.shape[1]} columns but x has ${x.shape[1]}`,
        'Both sets of embeddings must come from the same model (same dimension).');
    }
  }
  return tf.tidy(() => pairwiseDistancesUnchecked(x, y, options));
}

/** The computation without input checks, for callers that already validated (losses, miners, chunks). */
export function pairwiseDistancesUnchecked(x: tf.Tensor2D, y: tf.Tensor2D | undefined, options: DistanceOptions = {}): tf.Tensor2D {
  const distance = options.distance ?? 'euclidean';
  if (!DISTANCE_NAMES.includes(distance)) {
    throw new TripletInputError('options.distance', 'pairwiseDistances', `is '${String(distance)}'`,
      `Use one of: ${DISTANCE_NAMES.map((d) => `'${d}'`).join(', ')}.`);
  }
  const self = y === undefined;
  let a = x;
  let b = y ?? x;
  if (options.normalize || distance === 'cosine') {
    a = l2Normalize(a);
    b = self ? a : l2Normalize(b);
  }
  let d: tf.Tensor2D;
  if (distance === 'cosine') {
    d = tf.clipByValue(tf.sub(1, tf.matMul(a, b, false, true)), 0, 2) as tf.Tensor2D;
  } else {
    // ‖a‖² + ‖b‖² − 2a·b as ONE product of augmented rows [−2a, ‖a‖², 1]·[b, 1, ‖b‖²]ᵀ: on wasm a
    // broadcast add of [n,1] + [1,n] costs more than the product itself.
    const na = tf.sum(tf.square(a), 1, true);
    const nb = self ? na : tf.sum(tf.square(b), 1, true);
    const left = tf.concat([tf.mul(a, -2), na, tf.onesLike(na)], 1) as tf.Tensor2D;
    const right = tf.concat([b, tf.onesLike(nb), nb], 1) as tf.Tensor2D;
    d = tf.relu(tf.matMul(left, right, false, true)) as tf.Tensor2D;
    if (distance === 'euclidean') d = safeSqrt(d);
  }
  if (self) {
    const n = x.shape[0];
    d = tf.mul(d, tf.sub(1, tf.eye(n))) as tf.Tensor2D;
  }
  return d;
}
