import { TripletInputError } from '../../validation';
import type { ClassCentres } from './class-centres';
import { kMeans } from './k-means';

export interface BuildSubspacesOptions {
  /** Number of subspaces (k-means clusters of class centres). */
  subspaces: number;
  seed?: number;
  iterations?: number;
}

/**
 * Groups classes into subspaces of mutually close classes by k-means over their centres (Wang et
 * al. 2017, §3.2): sampling a batch inside one subspace makes its negatives hard. Returns the class
 * ids of each non-empty subspace.
 */
export function buildSubspaces(centres: ClassCentres, options: BuildSubspacesOptions): number[][] {
  if (!centres || !Array.isArray(centres.classIds) || !Array.isArray(centres.centres) || centres.classIds.length !== centres.centres.length) {
    throw new TripletInputError('centres', 'buildSubspaces', 'must be { classIds, centres } with one centre per class id',
      'Pass the result of classCentres(embeddings, labels).');
  }
  const k = options?.subspaces;
  if (!Number.isInteger(k) || k < 1 || k > centres.classIds.length) {
    throw new TripletInputError('options.subspaces', 'buildSubspaces', `is ${String(k)} for ${centres.classIds.length} classes`,
      `Use an integer between 1 and ${centres.classIds.length}; Wang et al. pick it so each subspace holds a few batches' worth of classes.`);
  }
  const { assignments } = kMeans(centres.centres, k, { seed: options.seed, iterations: options.iterations });
  const groups: number[][] = Array.from({ length: k }, () => []);
  assignments.forEach((c, i) => groups[c].push(centres.classIds[i]));
  return groups.filter((g) => g.length > 0);
}
