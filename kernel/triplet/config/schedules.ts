import { TripletInputError } from '../validation/errors';
import { activeStage } from './stage';
import type { MarginSchedule, MiningSchedule, MiningStage, Until } from './types';

const FN = 'triplet.schedule';

function checkUntil(until: Until | undefined, where: string, last: boolean): void {
  if (until === undefined) {
    if (!last) throw new TripletInputError(`${where}.until`, FN, 'is missing on a stage that is not the last', 'Give every stage but the last an until: { epoch } or { step }.');
    return;
  }
  if (typeof until !== 'object' || (until.epoch === undefined && until.step === undefined)) {
    throw new TripletInputError(`${where}.until`, FN, 'names neither epoch nor step', 'Write until: { epoch: 5 } or until: { step: 1000 }.');
  }
  for (const k of ['epoch', 'step'] as const) {
    const v = until[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
      throw new TripletInputError(`${where}.until.${k}`, FN, `is ${String(v)}`, 'Use a non-negative integer (0-based epochs and steps).');
    }
  }
}

function checkStages<T extends { until?: Until }>(stages: readonly T[], name: string): void {
  if (!Array.isArray(stages) || stages.length === 0) {
    throw new TripletInputError('stages', `${FN}.${name}`, 'is empty or not an array', 'Pass at least one stage, e.g. [{ until: { epoch: 5 }, ... }, { ... }].');
  }
  stages.forEach((s, i) => checkUntil(s.until, `stages[${i}]`, i === stages.length - 1));
}

/**
 * Mining by stages: `mining([{ until: { epoch: 5 }, mining: 'semi-hard' }, { mining: 'batch-hard' }])`
 * is semi-hard for epochs 0–4, then batch-hard — the curriculum of FaceNet §3.2 (semi-hard first,
 * because hardest negatives early collapse the model).
 */
export function miningSchedule(stages: readonly MiningStage[]): MiningSchedule {
  checkStages(stages, 'mining');
  stages.forEach((s, i) => {
    if (typeof s.mining !== 'string' && typeof s.mining !== 'function') {
      throw new TripletInputError(`stages[${i}].mining`, `${FN}.mining`, 'is neither a mining name nor a miner function', "Use a name such as 'batch-hard' or a Miner function.");
    }
  });
  return { kind: 'mining-schedule', stages: stages.map((s) => ({ ...s })) };
}

function checkNumber(v: unknown, arg: string, fn: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new TripletInputError(arg, `${FN}.margin.${fn}`, `is ${String(v)}`, 'Use a finite number ≥ 0.');
  }
}

function checkSteps(steps: unknown, fn: string): asserts steps is number {
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps <= 0) {
    throw new TripletInputError('steps', `${FN}.margin.${fn}`, `is ${String(steps)}`, 'Use a positive integer number of steps.');
  }
}

/** Margin from `from` to `to` linearly over `steps` steps, then constant. */
function linear(from: number, to: number, steps: number): MarginSchedule {
  checkNumber(from, 'from', 'linear');
  checkNumber(to, 'to', 'linear');
  checkSteps(steps, 'linear');
  return (step) => from + (to - from) * Math.min(Math.max(step, 0) / steps, 1);
}

/** Half-cosine ramp from `from` to `to` over `steps` steps, then constant. */
function cosine(from: number, to: number, steps: number): MarginSchedule {
  checkNumber(from, 'from', 'cosine');
  checkNumber(to, 'to', 'cosine');
  checkSteps(steps, 'cosine');
  return (step) => {
    const t = Math.min(Math.max(step, 0) / steps, 1);
    return to + ((from - to) * (1 + Math.cos(Math.PI * t))) / 2;
  };
}

/** Piecewise-constant margin: `stages([{ until: { epoch: 3 }, margin: 0.1 }, { margin: 0.2 }])`. */
function stages(list: readonly { until?: Until; margin: number }[]): MarginSchedule {
  checkStages(list, 'margin.stages');
  list.forEach((s, i) => checkNumber(s.margin, `stages[${i}].margin`, 'stages'));
  const copy = list.map((s) => ({ ...s }));
  return (step, epoch) => copy[activeStage(copy, { step, epoch })].margin;
}

/** `triplet.schedule`: margin and mining schedules. */
export const schedule = {
  mining: miningSchedule,
  margin: { linear, cosine, stages },
};
