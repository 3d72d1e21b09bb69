import type { TrainingPayload, TrainingStatus } from '../../../contract/payloads';
import { downsample } from './downsample';
import type { FitHistory } from './types';

const MAX_POINTS = 500;
const MAX_CONFIG_CHANGES = 50;

export interface Progress {
  status: TrainingStatus;
  step: number;
  totalSteps: number;
  epoch: number;
  totalEpochs: number;
  elapsedSeconds: number;
  message?: string;
}

/** The training display's payload from the history so far. */
export function trainingPayload(history: FitHistory, p: Progress): TrainingPayload {
  const loss = downsample(history.loss, MAX_POINTS);
  const f = history.fractions;
  const last = f.easy.length - 1;
  const payload: TrainingPayload = {
    version: 1,
    status: p.status,
    step: p.step,
    totalSteps: p.totalSteps,
    epoch: p.epoch,
    totalEpochs: p.totalEpochs,
    lossSteps: loss.steps,
    loss: loss.values.map((v) => (Number.isFinite(v) ? v : 0)),
    fractions: last >= 0 ? { easy: f.easy[last], semiHard: f.semiHard[last], hard: f.hard[last] } : { easy: 0, semiHard: 0, hard: 0 },
    fractionHistory: {
      steps: loss.steps,
      easy: downsample(f.easy, MAX_POINTS).values,
      semiHard: downsample(f.semiHard, MAX_POINTS).values,
      hard: downsample(f.hard, MAX_POINTS).values,
    },
    elapsedSeconds: p.elapsedSeconds,
  };
  if (p.message) payload.message = p.message;
  if (history.validation.length) payload.validation = history.validation.map((v) => ({ ...v }));
  // The start and the latest changes: a schedule or a slider dragged for minutes stays bounded.
  if (history.config.length) payload.config = [history.config[0], ...history.config.slice(1).slice(-(MAX_CONFIG_CHANGES - 1))].map((c) => ({ ...c }));
  return payload;
}
