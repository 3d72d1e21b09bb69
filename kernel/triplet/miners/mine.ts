import * as tf from '@tensorflow/tfjs';
import { pairwiseDistances } from '../distances';
import { assertEmbeddings, assertHasPositives, assertLabels, checkMargin } from '../validation';
import { categorizeTriplets, CategoryKeep, TripletCategories } from './categorize-triplets';
import type { LabelsLike, MinedTriplets, MinerOptions, TripletIndices } from './types';

/** What a miner's selection step sees: the batch's distances, read once into JavaScript. */
export interface MiningContext {
  n: number;
  dist: Float32Array;
  labels: Int32Array;
  margin: number;
  options: MinerOptions;
  /** The categorisation of all valid triplets, with indices for the categories asked for. */
  categories: TripletCategories;
}

/**
 * The steps every miner shares: validate, measure distances (no gradient: mining only picks
 * indices), categorise all triplets for the stats, let `select` choose, return index tensors.
 */
export function runMiner(
  functionName: string,
  embeddings: tf.Tensor2D,
  labels: LabelsLike,
  options: MinerOptions,
  keep: CategoryKeep,
  select: (ctx: MiningContext) => TripletIndices,
  forceNormalize = false,
): MinedTriplets {
  assertEmbeddings(embeddings, 'embeddings', functionName);
  const n = embeddings.shape[0];
  const ids = assertLabels(labels, n, functionName);
  assertHasPositives(ids, functionName);
  const margin = checkMargin(options.margin, 0.2, functionName);
  const distTensor = pairwiseDistances(embeddings, undefined, {
    distance: options.distance,
    normalize: forceNormalize || options.normalize,
  });
  const dist = distTensor.dataSync() as Float32Array;
  distTensor.dispose();
  const categories = categorizeTriplets(dist, ids, margin, keep);
  const picked = select({ n, dist, labels: ids, margin, options, categories });
  return {
    anchors: tf.tensor1d(picked.anchors, 'int32'),
    positives: tf.tensor1d(picked.positives, 'int32'),
    negatives: tf.tensor1d(picked.negatives, 'int32'),
    stats: categories.stats,
  };
}
