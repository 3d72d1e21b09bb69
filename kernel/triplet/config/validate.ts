import { DISTANCE_NAMES } from '../distances/types';
import { TripletInputError } from '../validation/errors';
import { optionError } from './errors';
import { miningNames } from './mining-table';
import { checkMiningStages } from './schedules';
import type { ConfigureOptions, MiningSchedule } from './types';

const FN = 'triplet.configure';
const OPTIONS = ['margin', 'mining', 'distance', 'softMargin', 'normalize', 'watch'] as const;

function quoted(list: readonly string[]): string {
  return list.map((n) => `'${n}'`).join(', ');
}

function isMiningSchedule(v: unknown): v is MiningSchedule {
  return typeof v === 'object' && v !== null && (v as MiningSchedule).kind === 'mining-schedule';
}

function checkMiningName(name: string, option: string, fn: string): void {
  if (!miningNames().includes(name)) {
    throw optionError(option, fn, name, `one of ${quoted(miningNames())}, a Miner function, or triplet.schedule.mining([...])`);
  }
}

/**
 * Checks every option before anything is applied, so a bad call leaves the config unchanged.
 * `fn` is the public name the error should show (`triplet.configure`, or the comm's `set`).
 */
export function validateOptions(options: unknown, fn = FN): ConfigureOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TripletInputError('options', fn, 'is not an object', `Pass an object with any of ${quoted(OPTIONS)}.`);
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(OPTIONS as readonly string[]).includes(key)) throw optionError(key, fn, 'not an option', `one of ${quoted(OPTIONS)}`);
  }
  if (o.margin !== undefined && typeof o.margin !== 'function') {
    if (typeof o.margin !== 'number' || !Number.isFinite(o.margin) || o.margin < 0) {
      throw optionError('margin', fn, o.margin, 'a finite number ≥ 0 or a schedule (step, epoch) => number such as triplet.schedule.margin.linear(0.1, 0.3, 1000)');
    }
  }
  if (o.mining !== undefined && typeof o.mining !== 'function') {
    if (typeof o.mining === 'string') checkMiningName(o.mining, 'mining', fn);
    else if (isMiningSchedule(o.mining)) {
      // A schedule may also arrive as a plain object (from the comm, or hand-written): check it
      // as fully as schedule.mining does, or an empty one is stored and breaks every later read.
      checkMiningStages(o.mining.stages, 'mining.stages', fn, (name, option) => checkMiningName(name, option, fn));
    } else throw optionError('mining', fn, o.mining, `one of ${quoted(miningNames())}, a Miner function, or triplet.schedule.mining([...])`);
  }
  if (o.distance !== undefined && !(DISTANCE_NAMES as readonly unknown[]).includes(o.distance)) {
    throw optionError('distance', fn, o.distance, `one of ${quoted(DISTANCE_NAMES)}`);
  }
  for (const key of ['softMargin', 'normalize', 'watch'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw optionError(key, fn, o[key], 'true or false');
  }
  return o as ConfigureOptions;
}
