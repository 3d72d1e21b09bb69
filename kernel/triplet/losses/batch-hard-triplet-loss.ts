import * as tf from '@tensorflow/tfjs';
import { gatherPairs } from '../distances/gather-pairs';
import { groupByAnchor } from '../miners/categorize-triplets';
import { extremeIndex } from '../miners/batch-easy-hard-miner';
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
  const n = ids.length;
  const { positives, negatives } = groupByAnchor(ids);
  return tf.tidy(() => {
    const d = batchDistances(embeddings, options);
    const dv = d.dataSync() as Float32Array;
    const a: number[] = [];
    const p: number[] = [];
    const q: number[] = [];
    for (let i = 0; i < n; i++) {
      if (positives[i].length === 0 || negatives[i].length === 0) continue;
      a.push(i);
      p.push(extremeIndex(dv, i * n, positives[i], 1));
      q.push(extremeIndex(dv, i * n, negatives[i], -1));
    }
    const anchors = tf.tensor1d(a, 'int32');
    return tripletHinge(gatherPairs(d, anchors, tf.tensor1d(p, 'int32')), gatherPairs(d, anchors, tf.tensor1d(q, 'int32')),
      margin, options.softMargin === true);
  });
}
