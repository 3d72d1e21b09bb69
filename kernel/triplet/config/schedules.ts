import { TripletInputError } from '../validation/errors';
import { activeStage } from './stage';
import type { MarginSchedule, MiningSchedule, MiningStage, Until } from './types';

const FN = 'triplet.schedule';

function checkUntil(until: Until | undefined, where: string, last: boolean, fn: string): void {
  if (until === undefined) {
    if (!last) throw new TripletInputError(`${where}.until`, fn, 'is missing on a stage that is not the last', 'Give every stage but the last an until: { epoch } or { step }.');
    return;
  }
  if (typeof until !== 'object' || until === null || (until.epoch === undefined && until.step === undefined)) {
    throw new TripletInputError(`${where}.until`, fn, 'names neither epoch nor step', 'Write until: { epoch: 5 } or until: { step: 1000 }.');
  }
  for (const k of ['epoch', 'step'] as const) {
    const v = until[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
      throw new TripletInputError(`${where}.until.${k}`, fn, `is ${String(v)}`, 'Use a non-negative integer (0-based epochs and steps).');
    }
  }
}

function checkStages<T extends { until?: Until }>(stages: readonly T[], where: string, fn: string): void {
  if (!Array.isArray(stages) || stages.length === 0) {
    throw new TripletInputError(where, fn, stages === undefined ? 'is missing' : Array.isArray(stages) ? 'is an empty array' : 'is not an array',
      'Pass at least one stage, e.g. [{ until: { epoch: 5 }, ... }, { ... }].');
  }
  stages.forEach((s, i) => {
    if (typeof s !== 'object' || s === null) throw new TripletInputError(`${where}[${i}]`, fn, 'is not an object', 'Write each stage as { until?: { epoch } | { step }, ... }.');
    checkUntil(s.until, `${where}[${i}]`, i === stages.length - 1, fn);
  });
}

/**
 * The checks every mining schedule passes, whether built here or arriving in `configure` or the
 * config comm as a plain object: at least one stage, `until` on all but the last, and a mining
 * name (checked by `checkName`) or a miner function in each. `where` names the stages in errors.
 */
export function checkMiningStages(stages: unknown, where: string, fn: string, checkName: (name: string, option: string) => void = () => {}): void {
  checkStages(stages as readonly MiningStage[], where, fn);
  (stages as readonly MiningStage[]).forEach((s, i) => {
    if (typeof s.mining === 'string') checkName(s.mining, `${where}[${i}].mining`);
    else if (typeof s.mining !== 'function') {
      throw new TripletInputError(`${where}[${i}].mining`, fn, 'is neither a mining name nor a miner function', "Use a name such as 'batch-hard' or a Miner function.");
    }
  });
}

/**
 * Mining by stages: `mining([{ until: { epoch: 5 }, mining: 'semi-hard' }, { mining: 'batch-hard' }])`
 * is semi-hard for epochs 0–4, then batch-hard — the curriculum of FaceNet §3.2 (semi-hard first,
 * because hardest negatives early collapse the model).
 */
export function miningSchedule(stages: readonly MiningStage[]): MiningSchedule {
  checkMiningStages(stages, 'stages', `${FN}.mining`);
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
  checkStages(list, 'stages', `${FN}.margin.stages`);
  list.forEach((s, i) => checkNumber(s.margin, `stages[${i}].margin`, 'stages'));
  const copy = list.map((s) => ({ ...s }));
  return (step, epoch) => copy[activeStage(copy, { step, epoch })].margin;
}

/** `triplet.schedule`: margin and mining schedules. */
export const schedule = {
  mining: miningSchedule,
  margin: { linear, cosine, stages },
};
