import type { Miner, TripletIndices } from './types';
import { TripletInputError } from '../validation';
import { runMiner } from './mine';
import { groupByAnchor } from './categorize-triplets';

export type PickStrategy = 'hard' | 'easy';

/**
 * One triplet per anchor that has a positive and a negative (pytorch-metric-learning's
 * BatchEasyHardMiner): the hard positive is the farthest one and the hard negative the nearest
 * (Hermans et al. 2017, batch-hard); 'easy' picks the opposite end (Xuan et al. 2020, easy
 * positives). Ties go to the lowest index.
 */
export function batchEasyHardMiner(pick: { positives: PickStrategy; negatives: PickStrategy }, functionName = 'batchEasyHardMiner'): Miner {
  return (embeddings, labels, options = {}) =>
    runMiner(functionName, embeddings, labels, options, {}, ({ n, dist, labels: ids }) => extremeTriplets(dist, n, ids, pick));
}

/**
 * Per anchor with a positive and a negative, its extreme positive and negative by `pick` from the
 * n×n row-major distances: the selection shared by the batch-easy/hard miners and the batch-hard loss.
 */
export function extremeTriplets(dist: Float32Array, n: number, labels: Int32Array, pick: { positives: PickStrategy; negatives: PickStrategy }): TripletIndices {
  const { positives, negatives } = groupByAnchor(labels);
  const a: number[] = [];
  const p: number[] = [];
  const q: number[] = [];
  for (let i = 0; i < n; i++) {
    if (positives[i].length === 0 || negatives[i].length === 0) continue;
    a.push(i);
    p.push(extremeIndex(dist, i * n, positives[i], pick.positives === 'hard' ? 1 : -1));
    q.push(extremeIndex(dist, i * n, negatives[i], pick.negatives === 'hard' ? -1 : 1));
  }
  return { anchors: Int32Array.from(a), positives: Int32Array.from(p), negatives: Int32Array.from(q) };
}

/**
 * The index in `candidates` with the largest (sign 1) or smallest (sign −1) distance from the row;
 * the first such candidate on ties, so exactly one pair carries the gradient (as torch.max does).
 */
export function extremeIndex(dist: Float32Array, row: number, candidates: number[], sign: 1 | -1): number {
  let best = candidates[0];
  for (const c of candidates) if (sign * dist[row + c] > sign * dist[row + best]) best = c;
  return best;
}

export const batchHardMiner: Miner = batchEasyHardMiner({ positives: 'hard', negatives: 'hard' }, 'batchHardMiner');

/**
 * Batch-hard with several negatives: per anchor, its farthest positive with each of its
 * `negatives` nearest negatives (fewer when the batch has fewer), nearest first, ties by lower
 * index. Wang et al. 2017 mine several nearest negatives inside a subspace batch; `negatives: 1`
 * is batchHardMiner.
 */
export function batchHardMinerWith(config: { negatives: number }): Miner {
  const count = config?.negatives;
  const name = 'batchHardMinerWith';
  if (!Number.isInteger(count) || count < 1) {
    throw new TripletInputError('negatives', name, `is ${String(count)}`, 'Use a positive integer number of nearest negatives per anchor, e.g. 3.');
  }
  return (embeddings, labels, options = {}) =>
    runMiner(name, embeddings, labels, options, {}, ({ n, dist, labels: ids }) => {
      const { positives, negatives } = groupByAnchor(ids);
      const a: number[] = [];
      const p: number[] = [];
      const q: number[] = [];
      for (let i = 0; i < n; i++) {
        if (positives[i].length === 0 || negatives[i].length === 0) continue;
        const hardPositive = extremeIndex(dist, i * n, positives[i], 1);
        const nearest = negatives[i].slice().sort((x, y) => dist[i * n + x] - dist[i * n + y] || x - y).slice(0, count);
        for (const neg of nearest) {
          a.push(i);
          p.push(hardPositive);
          q.push(neg);
        }
      }
      return { anchors: Int32Array.from(a), positives: Int32Array.from(p), negatives: Int32Array.from(q) };
    });
}
