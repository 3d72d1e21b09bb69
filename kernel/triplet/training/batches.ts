import { TripletInputError } from '../validation/errors';
import { pkSampler, subspaceSampler, buildSubspaces, type Subspaces } from '../samplers';
import type { HostData } from './data';
import type { EmbeddingModel, FitOptions } from './types';
import type { PacerOptions } from './pacer';

export interface BatchSource {
  /** Row indices of the next P×K batch. */
  next(): Int32Array;
}

export function pkSource(labels: Int32Array, P: number, K: number, seed: number): BatchSource {
  const it = pkSampler({ labels, P, K, seed });
  return { next: () => it.next().value as Int32Array };
}

export function subspaceSource(labels: Int32Array, groups: number[][], P: number, K: number, seed: number): BatchSource {
  const it = subspaceSampler({ labels, subspaces: groups, P, K, seed });
  return { next: () => it.next().value as Int32Array };
}

/**
 * How many identities a subspace holds in `fit` unless told: sixteen batches' worth. On the
 * family benchmark (bench/identities, 2,000 identities) 8·P gave worse held-out MAP@R than random
 * P×K batches (negatives too hard from the first step) and 16·P better.
 */
export const DEFAULT_BATCHES_PER_SUBSPACE = 16;

/**
 * The subspaces `fit` draws 'subspace-hard' batches from (Wang et al. 2017 §3.2): the given
 * groups, or k-means over identity centres of the given features, or of the model being trained
 * (then rebuilt every `rebuildEvery` epochs as the model moves).
 */
export async function fitSubspaces(
  model: EmbeddingModel,
  train: HostData,
  options: NonNullable<FitOptions['subspaces']>,
  P: number,
  seed: number,
  pace: PacerOptions,
): Promise<Subspaces> {
  const started = performance.now();
  if (options.groups) {
    return { groups: options.groups, sizes: options.groups.map((g) => g.length), inertia: 0, iterations: 0, seconds: (performance.now() - started) / 1000, stopped: false };
  }
  const split = options.subspaces !== undefined
    ? { subspaces: options.subspaces }
    : { identitiesPerSubspace: options.identitiesPerSubspace ?? DEFAULT_BATCHES_PER_SUBSPACE * P };
  const build = { ...split, seed, ...pace };
  return options.features
    ? buildSubspaces(options.features, train.labels, build)
    : buildSubspaces(model, { x: train.x, labels: train.labels }, build);
}

/** One line for the training view: how many subspaces, how large, how long the build took. */
export function subspaceNote(s: Subspaces, epoch: number): string {
  const sorted = s.sizes.slice().sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `${s.groups.length} subspaces of ${sorted[0] ?? 0}–${sorted.at(-1) ?? 0} identities (median ${median}), built at epoch ${epoch + 1} in ${s.seconds.toFixed(1)} s`;
}

/** Checks fit's `subspaces` option before training starts; returns the rebuild period and negatives per anchor. */
export function checkSubspaceOptions(o: FitOptions['subspaces'], fn: string): { rebuildEvery: number; negatives: number; fixed: boolean } {
  if (o === undefined) return { rebuildEvery: 1, negatives: 1, fixed: false };
  if (typeof o !== 'object' || o === null) {
    throw new TripletInputError('options.subspaces', fn, 'is not an object', 'Pass e.g. { identitiesPerSubspace: 200, rebuildEvery: 2, negatives: 3 }.');
  }
  for (const key of ['rebuildEvery', 'negatives', 'identitiesPerSubspace', 'subspaces'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) {
      throw new TripletInputError(`options.subspaces.${key}`, fn, `is ${String(v)}`, 'Use a positive integer.');
    }
  }
  if (o.groups !== undefined && !(Array.isArray(o.groups) && o.groups.every((g) => Array.isArray(g)))) {
    throw new TripletInputError('options.subspaces.groups', fn, 'is not an array of class-id arrays', 'Pass e.g. (await buildSubspaces(...)).groups.');
  }
  return { rebuildEvery: o.rebuildEvery ?? 1, negatives: o.negatives ?? 1, fixed: o.groups !== undefined || o.features !== undefined };
}
