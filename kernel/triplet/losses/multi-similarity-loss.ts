import * as tf from '@tensorflow/tfjs';
import type { LabelsLike, MinedPairs } from '../miners/types';
import { TripletInputError } from '../validation';
import { batchDistances, prepareBatch } from './prepare';

export interface MultiSimilarityLossOptions {
  /** Weight of positive pairs in the exponent (default 2, as PML). */
  alpha?: number;
  /** Weight of negative pairs in the exponent (default 50). */
  beta?: number;
  /** Similarity the exponents are centred on (default 0.5). */
  base?: number;
}

const FN = 'multiSimilarityLoss';

/** Cosine similarities of all pairs, 1 − cosine distance, through the one pairwise-distance formula. */
export function cosineSimilarities(embeddings: tf.Tensor2D): tf.Tensor2D {
  return tf.sub(1, batchDistances(embeddings, { distance: 'cosine' })) as tf.Tensor2D;
}

function pairMask(n: number, anchors: Int32Array, others: Int32Array, arg: string, check: (a: number, o: number) => boolean): Float32Array {
  const mask = new Float32Array(n * n);
  for (let t = 0; t < anchors.length; t++) {
    const a = anchors[t];
    const o = others[t];
    if (!(a >= 0 && a < n && o >= 0 && o < n) || a === o || !check(a, o)) {
      throw new TripletInputError(`pairs.${arg}`, FN, `entry ${t} (${a}, ${o}) is not a valid pair of the batch`,
        'Pass the pairs multiSimilarityMiner returned for these embeddings and labels.');
    }
    mask[a * n + o] = 1;
  }
  return mask;
}

/**
 * log(1 + Σ_j mask·exp(x)) per row, computed stably (the row maximum, at least 0, taken out
 * first), as PML's logsumexp with add_one. Rows with an empty mask give 0.
 */
function logOnePlusSumExp(x: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  const masked = tf.where(tf.cast(mask, 'bool'), x, tf.fill(x.shape, -1e30));
  const m = tf.maximum(tf.max(masked, 1, true), 0);
  const sum = tf.add(tf.exp(tf.neg(m)), tf.sum(tf.mul(mask, tf.exp(tf.sub(masked, m))), 1, true));
  return tf.reshape(tf.add(m, tf.log(sum)), [-1]) as tf.Tensor1D;
}

/**
 * Multi-Similarity loss (Wang et al. 2019, eq. 6; pytorch-metric-learning's MultiSimilarityLoss)
 * on cosine similarity S, one value per anchor:
 * (1/α) log(1 + Σ_p exp(−α(S_ap − base))) + (1/β) log(1 + Σ_n exp(β(S_an − base))),
 * over the given pairs (from multiSimilarityMiner), or every positive and negative pair of the
 * batch when `pairs` is omitted. Anchors without pairs give 0; `mean` of the values is PML's loss.
 */
export function multiSimilarityLoss(embeddings: tf.Tensor2D, labels: LabelsLike, pairs?: MinedPairs, options: MultiSimilarityLossOptions = {}): tf.Tensor1D {
  const ids = prepareBatch(embeddings, labels, FN);
  const n = ids.length;
  const alpha = options.alpha ?? 2;
  const beta = options.beta ?? 50;
  const base = options.base ?? 0.5;
  for (const [name, v] of [['alpha', alpha], ['beta', beta]] as const) {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new TripletInputError(`options.${name}`, FN, `is ${String(v)}`, 'Use a finite number > 0.');
  }
  if (typeof base !== 'number' || !Number.isFinite(base)) throw new TripletInputError('options.base', FN, `is ${String(base)}`, 'Use a finite number, e.g. 0.5.');
  let pos: Float32Array;
  let neg: Float32Array;
  if (pairs) {
    pos = pairMask(n, pairs.posAnchors, pairs.positives, 'positives', (a, o) => ids[a] === ids[o]);
    neg = pairMask(n, pairs.negAnchors, pairs.negatives, 'negatives', (a, o) => ids[a] !== ids[o]);
  } else {
    pos = new Float32Array(n * n);
    neg = new Float32Array(n * n);
    for (let a = 0; a < n; a++) for (let j = 0; j < n; j++) if (j !== a) (ids[a] === ids[j] ? pos : neg)[a * n + j] = 1;
  }
  return tf.tidy(() => {
    const s = cosineSimilarities(embeddings);
    const posTerm = logOnePlusSumExp(tf.mul(tf.sub(s, base), -alpha) as tf.Tensor2D, tf.tensor2d(pos, [n, n]));
    const negTerm = logOnePlusSumExp(tf.mul(tf.sub(s, base), beta) as tf.Tensor2D, tf.tensor2d(neg, [n, n]));
    return tf.add(tf.div(posTerm, alpha), tf.div(negTerm, beta)) as tf.Tensor1D;
  });
}
