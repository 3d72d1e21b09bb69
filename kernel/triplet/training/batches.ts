import * as tf from '@tensorflow/tfjs';
import type { SamplerKind } from '../config/types';
import { pkSampler, subspaceSampler, classCentres, buildSubspaces } from '../samplers';

export interface BatchSource {
  /** Row indices of the next P×K batch. */
  next(): Int32Array;
}

/**
 * Batches for the configured sampler. 'subspace' groups classes by k-means over their current
 * class centres in embedding space (Wang et al. 2017 §3.2), about P classes per subspace, and is
 * rebuilt by the caller each epoch (the centres move as the model trains).
 */
export function batchSource(
  kind: SamplerKind,
  labels: Int32Array,
  P: number,
  K: number,
  seed: number,
  embedAll: () => tf.Tensor2D,
): BatchSource {
  let it: Generator<Int32Array, void, undefined>;
  if (kind === 'subspace') {
    const emb = embedAll();
    const centres = classCentres(emb, labels);
    emb.dispose();
    const subspaces = buildSubspaces(centres, { subspaces: Math.max(1, Math.round(centres.classIds.length / P)), seed });
    it = subspaceSampler({ labels, subspaces, P, K, seed });
  } else {
    it = pkSampler({ labels, P, K, seed });
  }
  return { next: () => it.next().value as Int32Array };
}
