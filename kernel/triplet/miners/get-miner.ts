import { MINER_NAMES, Miner, MinerName } from './types';
import { allMiner, easyMiner, hardMiner, semiHardMiner } from './triplet-margin-miner';
import { batchHardMiner } from './batch-easy-hard-miner';
import { distanceWeightedMiner } from './distance-weighted-miner';
import { randomMiner } from './random-miner';
import { TripletInputError } from '../validation';

const MINERS: Record<MinerName, Miner> = {
  all: allMiner,
  easy: easyMiner,
  'semi-hard': semiHardMiner,
  hard: hardMiner,
  'batch-hard': batchHardMiner,
  'distance-weighted': distanceWeightedMiner,
  random: randomMiner,
};

/** A miner by name, or the function itself (so options can take either). */
export function getMiner(miner: MinerName | Miner): Miner {
  if (typeof miner === 'function') return miner;
  const found = Object.prototype.hasOwnProperty.call(MINERS, miner as string) ? MINERS[miner] : undefined;
  if (!found) {
    throw new TripletInputError('miner', 'getMiner', `is ${JSON.stringify(miner)}, not a known mining strategy`,
      `Use one of: ${MINER_NAMES.map((m) => `'${m}'`).join(', ')}, or pass a miner function.`);
  }
  return found;
}
