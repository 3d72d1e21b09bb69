import * as tf from '@tensorflow/tfjs';
import { assertLabels } from '../validation';
import { createRandom } from './random';
import { classIndex, drawFromClass } from './class-index';
import { checkPK } from './check-pk';

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
  const fn = 'pkSampler';
  const raw = options?.labels;
  const count = raw instanceof tf.Tensor ? raw.size : (raw as ArrayLike<number> | undefined)?.length ?? 0;
  const labels = assertLabels(raw, count, fn);
  const byClass = classIndex(labels);
  const eligible = [...byClass.keys()].filter((c) => (byClass.get(c) as number[]).length >= 2);
  const { P, K } = options;
  checkPK(P, K, eligible.length, fn);
  const rng = createRandom(options.seed ?? 0);
  for (let b = 0; options.batches === undefined || b < options.batches; b++) {
    const classes = rng.shuffle(eligible.slice()).slice(0, P);
    const batch = new Int32Array(P * K);
    classes.forEach((c, i) => batch.set(drawFromClass(byClass.get(c) as number[], K, rng), i * K));
    yield batch;
  }
}
