import * as tf from '@tensorflow/tfjs';
import { gatherPairs } from '../distances/gather-pairs';
import { extremeTriplets } from '../miners/batch-easy-hard-miner';
import type { LabelsLike } from '../miners/types';
import { checkMargin } from '../validation';
import type { TripletLossOptions } from './types';
import { batchDistances, prepareBatch, tripletHinge } from './prepare';

const FN = 'batchHardTripletLoss';

/**
 * Batch-hard triplet loss (Hermans et al. 2017, "In Defense of the Triplet Loss", eq. 5): per
 * anchor, its farthest positive against its nearest negative. Returns one value per anchor that
 * has both a positive and a negative (others are excluded, so a single-class batch gives an empty
 * tensor, which the reducers turn into 0).
 *
 * The hardest pairs are chosen on the host, first index on ties, and their distances gathered:
 * `tf.max`/`tf.min` send the full gradient to every tied entry, so duplicate rows (which the P×K
 * sampler makes whenever a class has fewer than K samples) multiplied the gradient by the number
 * of ties. One chosen pair per anchor gives the finite-difference (and PyTorch) gradient.
 */
export function batchHardTripletLoss(embeddings: tf.Tensor2D, labels: LabelsLike, options: TripletLossOptions = {}): tf.Tensor1D {
  const ids = prepareBatch(embeddings, labels, FN);
  const margin = checkMargin(options.margin, 0.2, FN);
  return tf.tidy(() => {
    const d = batchDistances(embeddings, options);
    const t = extremeTriplets(d.dataSync() as Float32Array, ids.length, ids, { positives: 'hard', negatives: 'hard' });
    const anchors = tf.tensor1d(t.anchors, 'int32');
    return tripletHinge(gatherPairs(d, anchors, tf.tensor1d(t.positives, 'int32')), gatherPairs(d, anchors, tf.tensor1d(t.negatives, 'int32')),
      margin, options.softMargin === true);
  });
}
