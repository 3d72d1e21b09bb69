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

/** Same-label (excluding self) and different-label masks as constant boolean tensors. */
export function labelMasks(ids: Int32Array): { positive: tf.Tensor2D; negative: tf.Tensor2D } {
  const n = ids.length;
  const pos = new Int32Array(n * n);
  const neg = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (ids[i] === ids[j]) pos[i * n + j] = i === j ? 0 : 1;
      else neg[i * n + j] = 1;
    }
  }
  return { positive: tf.tensor2d(pos, [n, n], 'bool'), negative: tf.tensor2d(neg, [n, n], 'bool') };
}

/** Hinge or soft-margin (softplus) of d(a,p) − d(a,n). */
export function tripletHinge(dap: tf.Tensor, dan: tf.Tensor, margin: number, softMargin: boolean): tf.Tensor1D {
  const diff = tf.sub(dap, dan);
  return (softMargin ? tf.softplus(diff) : tf.relu(tf.add(diff, margin))) as tf.Tensor1D;
}
