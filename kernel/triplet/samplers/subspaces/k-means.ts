import { TripletInputError } from '../../validation';
import { createRandom } from '../random';

export interface KMeansOptions {
  seed?: number;
  /** Maximum Lloyd iterations (default 100); stops early when assignments no longer change. */
  iterations?: number;
}

export interface KMeansResult {
  centroids: number[][];
  /** Cluster of each point. */
  assignments: Int32Array;
  /** Sum of squared distances of points to their centroid. */
  inertia: number;
}

/**
 * Lloyd's k-means with k-means++ seeding (Arthur & Vassilvitskii 2007: each new centre drawn with
 * probability ∝ squared distance to the nearest chosen one), seeded for reproducibility. A
 * cluster that empties is re-seeded at the point farthest from its centroid.
 */
export function kMeans(points: number[][], k: number, options: KMeansOptions = {}): KMeansResult {
  const fn = 'kMeans';
  if (!Array.isArray(points) || points.length === 0) {
    throw new TripletInputError('points', fn, 'must be a non-empty array of coordinate rows', 'Pass e.g. classCentres(...).centres.');
  }
  const dim = points[0].length;
  points.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== dim || !p.every(Number.isFinite)) {
      throw new TripletInputError('points', fn, `row ${i} is not ${dim} finite numbers`, 'Every point needs the same dimension and finite values.');
    }
  });
  if (!Number.isInteger(k) || k < 1 || k > points.length) {
    throw new TripletInputError('k', fn, `is ${k} for ${points.length} points`, `Use an integer 1 ≤ k ≤ ${points.length}.`);
  }
  const rng = createRandom(options.seed ?? 0);
  const sq = (a: number[], b: number[]): number => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
  const centroids: number[][] = [points[rng.int(points.length)].slice()];
  const nearest = points.map((p) => sq(p, centroids[0]));
  while (centroids.length < k) {
    let i = rng.weighted(nearest);
    if (i < 0) i = rng.int(points.length);
    centroids.push(points[i].slice());
    points.forEach((p, j) => { nearest[j] = Math.min(nearest[j], sq(p, centroids[centroids.length - 1])); });
  }
  const assignments = new Int32Array(points.length).fill(-1);
  const iterations = options.iterations ?? 100;
  for (let it = 0; it < iterations; it++) {
    let changed = false;
    points.forEach((p, i) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (sq(p, centroids[c]) < sq(p, centroids[best])) best = c;
      if (assignments[i] !== best) { assignments[i] = best; changed = true; }
    });
    if (!changed) break;
    const sums = centroids.map(() => new Array(dim).fill(0));
    const counts = new Array(k).fill(0);
    points.forEach((p, i) => { counts[assignments[i]]++; p.forEach((v, j) => { sums[assignments[i]][j] += v; }); });
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) { centroids[c] = sums[c].map((s) => s / counts[c]); continue; }
      let far = 0;
      points.forEach((p, i) => { if (sq(p, centroids[assignments[i]]) > sq(points[far], centroids[assignments[far]])) far = i; });
      centroids[c] = points[far].slice();
      assignments[far] = c;
    }
  }
  const inertia = points.reduce((s, p, i) => s + sq(p, centroids[assignments[i]]), 0);
  return { centroids, assignments, inertia };
}
