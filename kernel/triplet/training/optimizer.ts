import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation/errors';
import type { FitOptions } from './types';

/** The optimizer to use and whether fit created it (and so disposes it at the end). */
export function makeOptimizer(options: FitOptions, fn: string): { optimizer: tf.Optimizer; owned: boolean } {
  const o = options.optimizer ?? 'adam';
  if (o instanceof tf.Optimizer) return { optimizer: o, owned: false };
  const lr = options.learningRate ?? (o === 'sgd' ? 0.01 : 1e-3);
  if (!(typeof lr === 'number' && lr > 0 && Number.isFinite(lr))) {
    throw new TripletInputError('options.learningRate', fn, `is ${String(lr)}`, 'Use a positive number such as 1e-3.');
  }
  if (o === 'adam') return { optimizer: tf.train.adam(lr), owned: true };
  if (o === 'sgd') return { optimizer: tf.train.sgd(lr), owned: true };
  throw new TripletInputError('options.optimizer', fn, `is ${JSON.stringify(o)}`, "Use 'adam', 'sgd' or a tf.Optimizer such as tf.train.adam(1e-3).");
}
