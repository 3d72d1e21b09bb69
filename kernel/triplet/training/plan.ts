import { TripletInputError } from '../validation/errors';
import type { FitOptions } from './types';

export interface Plan {
  epochs: number;
  stepsPerEpoch: number;
  totalSteps: number;
  P: number;
  K: number;
  validateEvery: number;
  yieldEvery: number;
}

function positiveInt(v: unknown, arg: string, fn: string, fix: string): number {
  if (!(typeof v === 'number' && Number.isInteger(v) && v > 0)) throw new TripletInputError(arg, fn, `is ${String(v)}`, fix);
  return v;
}

/** Epochs, steps and batch shape of a fit call, every number checked. */
export function planFit(options: FitOptions, n: number, classes: number, fn: string): Plan {
  const P = positiveInt(options.P ?? 8, 'options.P', fn, 'Use a positive integer number of classes per batch (≥ 2 for negatives).');
  const K = positiveInt(options.K ?? 4, 'options.K', fn, 'Use a positive integer number of samples per class (≥ 2 for positives).');
  if (P < 2) throw new TripletInputError('options.P', fn, 'is 1, so a batch has no negatives', 'Use P ≥ 2.');
  if (K < 2) throw new TripletInputError('options.K', fn, 'is 1, so a batch has no positives', 'Use K ≥ 2.');
  if (classes < 2) throw new TripletInputError('data.labels', fn, 'has a single class, so there are no negatives', 'Train on at least two classes.');
  const batch = P * K;
  let epochs: number;
  let stepsPerEpoch: number;
  let totalSteps: number;
  if (options.steps !== undefined) {
    totalSteps = positiveInt(options.steps, 'options.steps', fn, 'Use a positive integer.');
    epochs = options.epochs !== undefined ? positiveInt(options.epochs, 'options.epochs', fn, 'Use a positive integer.') : 1;
    stepsPerEpoch = options.stepsPerEpoch !== undefined
      ? positiveInt(options.stepsPerEpoch, 'options.stepsPerEpoch', fn, 'Use a positive integer.')
      : Math.ceil(totalSteps / epochs);
    epochs = Math.ceil(totalSteps / stepsPerEpoch);
  } else {
    epochs = positiveInt(options.epochs ?? 1, 'options.epochs', fn, 'Use a positive integer.');
    stepsPerEpoch = options.stepsPerEpoch !== undefined
      ? positiveInt(options.stepsPerEpoch, 'options.stepsPerEpoch', fn, 'Use a positive integer.')
      : Math.max(1, Math.ceil(n / batch));
    totalSteps = epochs * stepsPerEpoch;
  }
  const validateEvery = options.validation?.every !== undefined
    ? positiveInt(options.validation.every, 'options.validation.every', fn, 'Use a positive number of steps.')
    : stepsPerEpoch;
  const yieldEvery = positiveInt(options.yieldEvery ?? 1, 'options.yieldEvery', fn, 'Use a positive integer.');
  return { epochs, stepsPerEpoch, totalSteps, P, K, validateEvery, yieldEvery };
}
