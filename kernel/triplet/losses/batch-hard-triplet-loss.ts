import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../distances/gather-rows';
import type { LabelsLike } from '../miners/types';
import type { TripletLossOptions } from './types';
import { batchDistances, labelMasks, prepareBatch, tripletHinge } from './prepare';

/**
 * Batch-hard triplet loss (Hermans et al. 2017, "In Defense of the Triplet Loss", eq. 5): per
 * anchor, its farthest positive against its nearest negative. Returns one value per anchor that
 * has both a positive and a negative (others are excluded, so a single-class batch gives an empty
 * tensor, which the reducers turn into 0).
 */
export function batchHardTripletLoss(embeddings: tf.Tensor2D, labels: LabelsLike, options: TripletLossOptions = {}): tf.Tensor1D {
  const ids = prepareBatch(embeddings, labels, 'batchHardTripletLoss');
  const valid: number[] = [];
  const count = new Map<number, number>();
  for (const l of ids) count.set(l, (count.get(l) ?? 0) + 1);
  const classes = count.size;
  ids.forEach((l, i) => { if ((count.get(l) as number) > 1 && classes > 1) valid.push(i); });
  return tf.tidy(() => {
    const d = batchDistances(embeddings, options);
    const masks = labelMasks(ids);
    const hardestPositive = tf.max(tf.where(masks.positive, d, tf.zerosLike(d)), 1);
    const hardestNegative = tf.min(tf.where(masks.negative, d, tf.fill(d.shape, Infinity)), 1);
    const rows = tf.tensor1d(valid, 'int32');
    return tripletHinge(gatherRows(hardestPositive, rows), gatherRows(hardestNegative, rows),
      options.margin ?? 0.2, options.softMargin === true);
  });
}
