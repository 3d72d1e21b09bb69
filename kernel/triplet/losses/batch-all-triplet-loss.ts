import * as tf from '@tensorflow/tfjs';
import type { LabelsLike } from '../miners/types';
import { assertLabels } from '../validation';
import { allTripletIndices } from '../miners/all-triplet-indices';
import { tripletMarginLoss, TripletMarginLossOptions } from './triplet-margin-loss';

/**
 * Batch-all triplet loss (Hermans et al. 2017, eq. 6): the triplet loss of every valid triplet of
 * the batch, one value each. Reduce with `meanNonZero` for the paper's BA≠0 variant or `mean`
 * for the plain average.
 */
export function batchAllTripletLoss(embeddings: tf.Tensor2D, labels: LabelsLike, options: TripletMarginLossOptions = {}): tf.Tensor1D {
  const fn = 'batchAllTripletLoss';
  const rows = embeddings instanceof tf.Tensor ? embeddings.shape[0] : 0;
  const ids = assertLabels(labels, rows, fn);
  return tripletMarginLoss(embeddings, ids, allTripletIndices(ids), options, fn);
}
