import type { Miner } from './types';
import { runMiner } from './mine';
import { groupByAnchor } from './categorize-triplets';
import { createRandom } from '../samplers/random';

/**
 * For every anchor-positive pair one negative drawn uniformly at random from the anchor's
 * negatives (pytorch-metric-learning's get_random_triplet_indices), seeded by `options.seed`.
 */
export const randomMiner: Miner = (embeddings, labels, options = {}) =>
  runMiner('randomMiner', embeddings, labels, options, {}, ({ n, labels: ids }) => {
    const rng = createRandom(options.seed ?? 0);
    const { positives, negatives } = groupByAnchor(ids);
    const a: number[] = [];
    const p: number[] = [];
    const q: number[] = [];
    for (let i = 0; i < n; i++) {
      const neg = negatives[i];
      if (neg.length === 0) continue;
      for (const j of positives[i]) {
        a.push(i);
        p.push(j);
        q.push(neg[rng.int(neg.length)]);
      }
    }
    return { anchors: Int32Array.from(a), positives: Int32Array.from(p), negatives: Int32Array.from(q) };
  });
