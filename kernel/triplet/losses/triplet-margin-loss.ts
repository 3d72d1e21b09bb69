import * as tf from '@tensorflow/tfjs';
import type { LabelsLike } from '../miners/types';
import { assertMinedTriplets, TripletIndexTensors } from '../miners/assert-mined-triplets';
import type { TripletIndices } from '../miners/types';
import { gatherPairs } from '../distances/gather-pairs';
import type { TripletLossOptions } from './types';
import { batchDistances, prepareBatch, tripletHinge } from './prepare';
import { checkMargin } from '../validation';

export interface TripletMarginLossOptions extends TripletLossOptions {
  /**
   * Use min(d(a,n), d(p,n)) as the negative distance: the positive can be the harder anchor for
   * that negative (Balntas et al. 2016, "distance swap"; pytorch-metric-learning `swap`).
   */
  swap?: boolean;
}

/**
 * Triplet loss of given triplets, one value per triplet: max(d(a,p) − d(a,n) + m, 0), or
 * softplus(d(a,p) − d(a,n)) with `softMargin`. `triplets` comes from a miner (index tensors) or
 * plain Int32Arrays; every triplet is checked against the labels.
 */
export function tripletMarginLoss(
  embeddings: tf.Tensor2D,
  labels: LabelsLike,
  triplets: TripletIndexTensors | TripletIndices,
  options: TripletMarginLossOptions = {},
  functionName = 'tripletMarginLoss',
): tf.Tensor1D {
  const ids = prepareBatch(embeddings, labels, functionName);
  const t = assertMinedTriplets(triplets, ids.length, ids, functionName);
  const margin = checkMargin(options.margin, 0.2, functionName);
  return tf.tidy(() => {
    const d = batchDistances(embeddings, options);
    const a = tf.tensor1d(t.anchors, 'int32');
    const p = tf.tensor1d(t.positives, 'int32');
    const n = tf.tensor1d(t.negatives, 'int32');
    const dap = gatherPairs(d, a, p);
    let dan = gatherPairs(d, a, n);
    if (options.swap) dan = tf.minimum(dan, gatherPairs(d, p, n));
    return tripletHinge(dap, dan, margin, options.softMargin === true);
  });
}
