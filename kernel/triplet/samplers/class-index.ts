import * as tf from '@tensorflow/tfjs';
import { assertLabels } from '../validation';
import { checkPK } from './check-pk';
import type { Random } from './random';

/** Sample indices of each class, in order of first appearance. */
export function classIndex(labels: Int32Array): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l);
    if (list) list.push(i);
    else byClass.set(l, [i]);
  });
  return byClass;
}

/**
 * K sample indices of one class: K distinct ones when the class has at least K; otherwise every
 * sample once and the rest drawn with replacement (pytorch-metric-learning's MPerClassSampler
 * also draws with replacement from small classes).
 */
export function drawFromClass(indices: number[], K: number, rng: Random): number[] {
  const pool = rng.shuffle(indices.slice());
  if (pool.length >= K) return pool.slice(0, K);
  const out = pool.slice();
  while (out.length < K) out.push(indices[rng.int(indices.length)]);
  return out;
}

/**
 * What every P×K sampler starts from: the labels validated and indexed by class, and the classes
 * a batch may draw (at least 2 samples: an anchor needs a positive), with P and K checked against them.
 */
export function indexForBatches(raw: unknown, P: unknown, K: unknown, functionName: string): { byClass: Map<number, number[]>; eligible: number[] } {
  const count = raw instanceof tf.Tensor ? raw.size : (raw as ArrayLike<number> | undefined)?.length ?? 0;
  const byClass = classIndex(assertLabels(raw, count, functionName));
  const eligible = [...byClass.keys()].filter((c) => (byClass.get(c) as number[]).length >= 2);
  checkPK(P, K, eligible.length, functionName);
  return { byClass, eligible };
}

/** One batch laid out class by class: K samples of each of `classes` (see drawFromClass). */
export function drawBatch(classes: readonly number[], byClass: Map<number, number[]>, K: number, rng: Random): Int32Array {
  const batch = new Int32Array(classes.length * K);
  classes.forEach((c, i) => batch.set(drawFromClass(byClass.get(c) as number[], K, rng), i * K));
  return batch;
}
