import type { Miner } from './types';
import { runMiner } from './mine';
import { groupByAnchor } from './categorize-triplets';
import { createRandom } from '../samplers/random';
import { TripletInputError } from '../validation';

export interface DistanceWeightedOptions {
  /** Distances below this are clamped up to it before weighting (Wu et al. 2017: 0.5). */
  cutoff?: number;
  /** Negatives at or beyond this distance get weight 0: their margin loss would be 0 (PML: 1.4). */
  nonzeroLossCutoff?: number;
}

/**
 * Distance-weighted sampling (Wu et al. 2017, "Sampling Matters", §4; pytorch-metric-learning's
 * DistanceWeightedMiner). On the unit sphere in R^dim, pairwise distances of uniform points have
 * density q(d) ∝ d^(dim−2) (1 − d²/4)^((dim−3)/2); drawing each negative with weight 1/q(d)
 * spreads the chosen negatives over all distances instead of concentrating near √2. One negative
 * per anchor-positive pair; anchors whose weights are all zero give no triplet. Embeddings are
 * always L2-normalised and compared with the euclidean distance, as the derivation requires.
 * Weights are shifted by the per-row maximum of log-weights (PML shifts by the global maximum);
 * after per-row normalisation the probabilities are the same, with less underflow.
 */
export function distanceWeightedMinerWith(config: DistanceWeightedOptions = {}): Miner {
  const cutoff = config.cutoff ?? 0.5;
  const nonzeroLossCutoff = config.nonzeroLossCutoff ?? 1.4;
  const name = 'distanceWeightedMiner';
  return (embeddings, labels, options = {}) => {
    if (options.distance !== undefined && options.distance !== 'euclidean') {
      throw new TripletInputError('options.distance', name, `is '${options.distance}'`,
        "Distance-weighted sampling is derived for euclidean distances on the unit sphere: use distance 'euclidean' (embeddings are normalised for you).");
    }
    return runMiner(name, embeddings, labels, { ...options, distance: 'euclidean' }, {}, ({ n, dist, labels: ids }) => {
      const dim = embeddings.shape[1];
      const rng = createRandom(options.seed ?? 0);
      const { positives, negatives } = groupByAnchor(ids);
      const a: number[] = [];
      const p: number[] = [];
      const q: number[] = [];
      const logW = new Float64Array(n);
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const neg = negatives[i];
        let max = -Infinity;
        for (let k = 0; k < neg.length; k++) {
          const raw = dist[i * n + neg[k]];
          const d = Math.max(raw, cutoff);
          const lw = (2 - dim) * Math.log(d) - ((dim - 3) / 2) * Math.log(1 - 0.25 * d * d);
          logW[k] = raw < nonzeroLossCutoff && Number.isFinite(lw) ? lw : -Infinity;
          if (logW[k] > max) max = logW[k];
        }
        if (max === -Infinity) continue;
        for (let k = 0; k < neg.length; k++) w[k] = Math.exp(logW[k] - max);
        for (const j of positives[i]) {
          const k = rng.weighted(w, 0, neg.length);
          a.push(i);
          p.push(j);
          q.push(neg[k]);
        }
      }
      return { anchors: Int32Array.from(a), positives: Int32Array.from(p), negatives: Int32Array.from(q) };
    }, true);
  };
}

export const distanceWeightedMiner: Miner = distanceWeightedMinerWith();
