import type * as tf from '@tensorflow/tfjs';
import { createRandom } from './random';
import { drawBatch, indexForBatches } from './class-index';

export interface PKSamplerOptions {
  labels: tf.Tensor1D | Int32Array | number[];
  /** Classes per batch. */
  P: number;
  /** Samples per class. */
  K: number;
  seed?: number;
  /** Number of batches to yield; unbounded when omitted. */
  batches?: number;
}

/**
 * P×K batches (Hermans et al. 2017, §3): P distinct classes drawn at random, K samples of each,
 * laid out class by class. Classes with fewer than 2 samples are never drawn: they cannot supply
 * a positive. Smaller classes than K are filled with repeats (see drawFromClass). The same seed
 * gives the same sequence of batches.
 */
export function* pkSampler(options: PKSamplerOptions): Generator<Int32Array, void, undefined> {
  const { byClass, eligible } = indexForBatches(options?.labels, options?.P, options?.K, 'pkSampler');
  const { P, K } = options;
  const rng = createRandom(options.seed ?? 0);
  for (let b = 0; options.batches === undefined || b < options.batches; b++) {
    const classes = rng.shuffle(eligible.slice()).slice(0, P);
    yield drawBatch(classes, byClass, K, rng);
  }
}
