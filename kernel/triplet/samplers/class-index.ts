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
