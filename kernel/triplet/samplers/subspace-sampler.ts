import type * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation';
import { createRandom } from './random';
import { drawBatch, indexForBatches } from './class-index';

export interface SubspaceSamplerOptions {
  labels: tf.Tensor1D | Int32Array | number[];
  /** Groups of class ids, or the result of buildSubspaces() (its `groups`). */
  subspaces: number[][] | { groups: number[][] };
  P: number;
  K: number;
  seed?: number;
  batches?: number;
}

/**
 * Subspace hard-negative batches (Wang et al. 2017, "How to Train Triplet Networks with 100K
 * Identities?", §3): each batch takes its P classes from one subspace of mutually close classes,
 * so the negatives in the batch are hard. Subspaces are visited round-robin in a freshly shuffled
 * order each round. A subspace with fewer than P usable classes (≥ 2 samples) is topped up with
 * random classes from the other subspaces; subspaces with no usable class are skipped.
 */
export function* subspaceSampler(options: SubspaceSamplerOptions): Generator<Int32Array, void, undefined> {
  const fn = 'subspaceSampler';
  const { byClass, eligible: allUsable } = indexForBatches(options?.labels, options?.P, options?.K, fn);
  const { P, K } = options;
  const usable = (c: number): boolean => (byClass.get(c)?.length ?? 0) >= 2;
  const given = options.subspaces;
  const subspaces = Array.isArray(given) ? given : given?.groups;
  if (!Array.isArray(subspaces) || subspaces.length === 0) {
    throw new TripletInputError('subspaces', fn, 'must be a non-empty array of class-id groups',
      'Build them with await buildSubspaces(features, labels, { identitiesPerSubspace }).');
  }
  for (const group of subspaces) {
    for (const c of group) {
      if (!byClass.has(c)) {
        throw new TripletInputError('subspaces', fn, `contains class ${c}, which has no sample in labels`,
          'Build the subspaces from the same labels you sample from.');
      }
    }
  }
  const groups = subspaces.map((g) => g.filter(usable)).filter((g) => g.length > 0);
  const rng = createRandom(options.seed ?? 0);
  let order: number[] = [];
  for (let b = 0; options.batches === undefined || b < options.batches; b++) {
    if (order.length === 0) order = rng.shuffle(groups.map((_, i) => i));
    const group = groups[order.pop() as number];
    const classes = rng.shuffle(group.slice()).slice(0, P);
    if (classes.length < P) {
      const inGroup = new Set(classes);
      classes.push(...rng.shuffle(allUsable.filter((c) => !inGroup.has(c))).slice(0, P - classes.length));
    }
    yield drawBatch(classes, byClass, K, rng);
  }
}
