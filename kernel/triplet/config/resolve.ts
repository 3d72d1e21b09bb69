import type { Miner } from '../miners/types';
import { TripletInputError } from '../validation/errors';
import { miningEntry } from './mining-table';
import { activeStage } from './stage';
import { getConfig } from './store';
import type { MiningOption, ResolvedConfig, SamplerKind, TripletConfig, TrainingPosition } from './types';

function resolveMining(option: MiningOption, at: TrainingPosition): { mining: string; miner: Miner; sampler: SamplerKind } {
  if (typeof option === 'function') return { mining: 'custom', miner: option, sampler: 'pk' };
  if (typeof option === 'string') {
    const entry = miningEntry(option);
    return { mining: option, miner: entry.miner, sampler: entry.sampler };
  }
  const stage = option.stages[activeStage(option.stages, at)];
  return resolveMining(stage.mining, at);
}

function resolveMargin(margin: TripletConfig['margin'], at: TrainingPosition): number {
  if (typeof margin === 'number') return margin;
  const m = margin(at.step, at.epoch);
  if (typeof m !== 'number' || !Number.isFinite(m) || m < 0) {
    throw new TripletInputError('margin', 'resolveConfig', `schedule returned ${String(m)} at step ${at.step}, epoch ${at.epoch}`, 'Make the margin schedule return a finite number ≥ 0 for every step and epoch.');
  }
  return m;
}

/**
 * The configuration at one training position (0-based), schedules evaluated. The position is
 * always the caller's: the one `fit` last reached is `getPosition()`, asked for explicitly.
 */
export function resolveConfig(step: number, epoch: number, config: TripletConfig = getConfig()): ResolvedConfig {
  const at = { step, epoch };
  return {
    margin: resolveMargin(config.margin, at),
    ...resolveMining(config.mining, at),
    distance: config.distance,
    softMargin: config.softMargin,
    normalize: config.normalize,
  };
}
