import { miningNames } from './mining-table';
import { activeStage } from './stage';
import type { MiningOption, TrainingPosition, TripletConfig } from './types';
import type { SerialConfig } from '../../../contract/comms/config-messages';

function miningName(option: MiningOption, at: TrainingPosition): string {
  if (typeof option === 'string') return option;
  if (typeof option === 'function') return 'custom';
  return miningName(option.stages[activeStage(option.stages, at)].mining, at);
}

/** The configuration as the editor sees it: schedules shown by their value at `at`. */
export function serialConfig(c: TripletConfig, at: TrainingPosition): SerialConfig {
  const out: SerialConfig = {
    margin: 0,
    mining: miningName(c.mining, at),
    distance: c.distance,
    softMargin: c.softMargin,
    normalize: c.normalize,
    watch: c.watch,
    miningNames: miningNames(),
  };
  if (typeof c.margin === 'number') out.margin = c.margin;
  else {
    let value: number;
    try {
      value = c.margin(at.step, at.epoch);
    } catch {
      value = Number.NaN;
    }
    // JSON has no NaN; a schedule that fails here fails loudly later in resolveConfig.
    out.margin = Number.isFinite(value) ? value : 0;
    out.marginSchedule = 'custom';
  }
  if (typeof c.mining === 'object') out.miningSchedule = 'custom';
  return out;
}
