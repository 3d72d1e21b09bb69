import * as tf from '@tensorflow/tfjs';
import { assertEmbeddings, assertLabels, TripletInputError } from '../validation';
import type { LabelsLike, MinedPairs } from './types';
import { cosineSimilarities } from '../losses/multi-similarity-loss';

export interface MultiSimilarityMinerOptions {
  /** How far past the hardest pair of the other kind a pair may be and still be kept (default 0.1). */
  epsilon?: number;
}

/**
 * pytorch-metric-learning's MultiSimilarityMiner (Wang et al. 2019, "Multi-Similarity Loss with
 * General Pair Weighting", §3.2 pair mining), on cosine similarity S: for each anchor, keep the
 * negatives with S(a,n) + ε > min over its positives of S(a,p), and the positives with
 * S(a,p) − ε < max over its negatives of S(a,n). Anchors without a positive or a negative give no
 * pairs. Pairs are listed by anchor, then by index.
 */
export function multiSimilarityMiner(embeddings: tf.Tensor2D, labels: LabelsLike, options: MultiSimilarityMinerOptions = {}): MinedPairs {
  const fn = 'multiSimilarityMiner';
  assertEmbeddings(embeddings, 'embeddings', fn);
  const ids = assertLabels(labels, embeddings.shape[0], fn);
  const eps = options.epsilon ?? 0.1;
  if (typeof eps !== 'number' || !Number.isFinite(eps)) throw new TripletInputError('options.epsilon', fn, `is ${String(eps)}`, 'Use a finite number, e.g. 0.1.');
  const n = ids.length;
  const simT = tf.tidy(() => cosineSimilarities(embeddings));
  const s = simT.dataSync() as Float32Array;
  simT.dispose();
  const out = { posAnchors: [] as number[], positives: [] as number[], negAnchors: [] as number[], negatives: [] as number[] };
  for (let a = 0; a < n; a++) {
    let minPos = Infinity;
    let maxNeg = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === a) continue;
      const v = s[a * n + j];
      if (ids[j] === ids[a]) minPos = Math.min(minPos, v);
      else maxNeg = Math.max(maxNeg, v);
    }
    for (let j = 0; j < n; j++) {
      if (j === a) continue;
      const v = s[a * n + j];
      if (ids[j] === ids[a]) {
        if (v - eps < maxNeg) { out.posAnchors.push(a); out.positives.push(j); }
      } else if (v + eps > minPos) { out.negAnchors.push(a); out.negatives.push(j); }
    }
  }
  return {
    posAnchors: Int32Array.from(out.posAnchors),
    positives: Int32Array.from(out.positives),
    negAnchors: Int32Array.from(out.negAnchors),
    negatives: Int32Array.from(out.negatives),
  };
}
