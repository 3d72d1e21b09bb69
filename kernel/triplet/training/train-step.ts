import * as tf from '@tensorflow/tfjs';
import type { ResolvedConfig } from '../config/types';
import { l2Normalize } from '../distances';
import { tripletHinge } from '../losses/prepare';
import type { TripletStats } from '../miners/types';
import { pairDistances } from './pair-distances';

export type StepReducer = 'mean' | 'mean-non-zero' | 'sum';

/**
 * PML's reducers, with the non-zero count read on the host: tfjs cannot differentiate through the
 * comparison that counting on the device needs.
 */
function reduce(values: tf.Tensor1D, reducer: StepReducer): tf.Scalar {
  const total = tf.sum(values);
  if (reducer === 'sum') return total as tf.Scalar;
  let count = values.size;
  if (reducer === 'mean-non-zero') {
    count = 0;
    for (const v of values.dataSync()) if (v > 0) count++;
  }
  return tf.div(total, Math.max(count, 1)) as tf.Scalar;
}

export interface StepResult {
  loss: number;
  stats: TripletStats;
  /** Triplets the miner returned (the loss's terms). */
  count: number;
}

/**
 * One optimizer step on one batch. The miner sees a detached copy of the embeddings (its indices
 * carry no gradient, as in PML where mining runs under no_grad); the loss is computed from the
 * differentiable distance matrix at the mined (a, p, n).
 */
export function trainStep(
  forward: (x: tf.Tensor2D) => tf.Tensor,
  x: tf.Tensor2D,
  rows: Int32Array,
  labels: Int32Array,
  cfg: ResolvedConfig,
  reducer: StepReducer,
  optimizer: tf.Optimizer,
  varList: tf.Variable[] | undefined,
  seed: number,
): StepResult {
  let stats: TripletStats | undefined;
  let count = 0;
  const xb = tf.tidy(() => tf.gather(x, tf.tensor1d(rows, 'int32')));
  try {
    const lossTensor = optimizer.minimize(() => {
      let emb = tf.reshape(forward(xb), [rows.length, -1]) as tf.Tensor2D;
      if (cfg.normalize) emb = l2Normalize(emb);
      const detached = tf.tensor2d(emb.dataSync() as Float32Array, emb.shape);
      const mined = cfg.miner(detached, labels, { margin: cfg.margin, distance: cfg.distance, normalize: false, seed });
      stats = mined.stats;
      count = mined.anchors.shape[0];
      const [a, p, q] = [mined.anchors, mined.positives, mined.negatives].map((t) => t.dataSync() as Int32Array);
      const ap = pairDistances(emb, a, p, cfg.distance);
      const an = pairDistances(emb, a, q, cfg.distance);
      const perTriplet = tripletHinge(ap, an, cfg.margin, cfg.softMargin);
      // A batch with no mined triplet must still be a function of the weights (zero gradient),
      // or minimize() refuses it; the loss value stays the reducer's 0.
      return tf.add(reduce(perTriplet, reducer), tf.mul(tf.sum(emb), 0)) as tf.Scalar;
    }, true, varList);
    const loss = (lossTensor as tf.Scalar).dataSync()[0];
    lossTensor!.dispose();
    return { loss, stats: stats!, count };
  } finally {
    xb.dispose();
  }
}
