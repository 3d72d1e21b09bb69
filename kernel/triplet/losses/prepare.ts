import * as tf from '@tensorflow/tfjs';
import { assertEmbeddings, assertHasPositives, assertLabels } from '../validation';
import { pairwiseDistancesUnchecked } from '../distances/pairwise-distances';
import type { DistanceOptions } from '../distances';
import type { LabelsLike } from '../miners/types';

/** Validates a loss's batch and returns the labels as plain integers. */
export function prepareBatch(embeddings: tf.Tensor2D, labels: LabelsLike, functionName: string): Int32Array {
  assertEmbeddings(embeddings, 'embeddings', functionName);
  const ids = assertLabels(labels, embeddings.shape[0], functionName);
  assertHasPositives(ids, functionName);
  return ids;
}

/** The batch's distance matrix, differentiable with respect to the embeddings. */
export function batchDistances(embeddings: tf.Tensor2D, options: DistanceOptions): tf.Tensor2D {
  return pairwiseDistancesUnchecked(embeddings, undefined, options);
}

/** Hinge or soft-margin (softplus) of d(a,p) − d(a,n). */
export function tripletHinge(dap: tf.Tensor, dan: tf.Tensor, margin: number, softMargin: boolean): tf.Tensor1D {
  const diff = tf.sub(dap, dan);
  return (softMargin ? tf.softplus(diff) : tf.relu(tf.add(diff, margin))) as tf.Tensor1D;
}
