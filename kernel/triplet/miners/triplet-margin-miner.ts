import type { Miner } from './types';
import { runMiner } from './mine';

export type TripletType = 'all' | 'easy' | 'semihard' | 'hard';

/**
 * pytorch-metric-learning's TripletMarginMiner: every valid triplet of the chosen type, with
 * t = d(a,n) − d(a,p): 'easy' t > m, 'semihard' 0 < t ≤ m, 'hard' t ≤ 0, 'all' any.
 */
export function tripletMarginMiner(type: TripletType): Miner {
  const keep = {
    easy: type === 'all' || type === 'easy',
    semiHard: type === 'all' || type === 'semihard',
    hard: type === 'all' || type === 'hard',
  };
  const name = `${type === 'semihard' ? 'semiHard' : type}Miner`;
  return (embeddings, labels, options = {}) =>
    runMiner(name, embeddings, labels, options, keep, ({ categories }) => categories);
}

export const allMiner: Miner = tripletMarginMiner('all');
export const easyMiner: Miner = tripletMarginMiner('easy');
export const semiHardMiner: Miner = tripletMarginMiner('semihard');
export const hardMiner: Miner = tripletMarginMiner('hard');
