import { MINER_NAMES, type Miner } from '../miners/types';
import { TripletInputError } from '../validation/errors';
import type { SamplerKind } from './types';

type MinersModule = typeof import('../miners');

// Loaded on first use so that reading or validating the config does not load TensorFlow.js.
function miners(): MinersModule {
  return require('../miners') as MinersModule;
}

interface Entry {
  sampler: SamplerKind;
  get(): Miner;
}

/**
 * Mining strategies by name: every miner of `miners/` under its own name, plus 'subspace-hard',
 * which is batch-hard mining on batches drawn within one subspace of similar classes (Wang et al.
 * 2017 §3.2): the miner is the same, the sampler differs.
 */
const TABLE: Record<string, Entry> = {
  ...Object.fromEntries(MINER_NAMES.map((name): [string, Entry] => [name, { sampler: 'pk', get: () => miners().getMiner(name) }])),
  'subspace-hard': { sampler: 'subspace', get: () => miners().batchHardMiner },
};

export function miningNames(): string[] {
  return Object.keys(TABLE);
}

export function miningEntry(name: string): { miner: Miner; sampler: SamplerKind } {
  const e = TABLE[name];
  if (!e) {
    throw new TripletInputError('mining', 'resolveConfig', `is '${name}'`, `Use one of ${miningNames().map((n) => `'${n}'`).join(', ')}.`);
  }
  return { miner: e.get(), sampler: e.sampler };
}
