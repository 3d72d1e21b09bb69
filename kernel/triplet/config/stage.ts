import type { TrainingPosition, Until } from './types';

/** Index of the first stage whose `until` has not been reached; the last stage is open-ended. */
export function activeStage(stages: readonly { until?: Until }[], at: TrainingPosition): number {
  for (let i = 0; i < stages.length - 1; i++) {
    const u = stages[i].until;
    if (!u) return i;
    const beforeEpoch = u.epoch === undefined || at.epoch < u.epoch;
    const beforeStep = u.step === undefined || at.step < u.step;
    if (beforeEpoch && beforeStep) return i;
  }
  return stages.length - 1;
}
