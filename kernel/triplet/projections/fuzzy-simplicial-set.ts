import type { KnnGraph } from './nn-descent';

/** Undirected weighted graph as directed edges (each pair both ways), as UMAP's SGD samples it. */
export interface WeightedEdges {
  heads: Int32Array;
  tails: Int32Array;
  weights: Float32Array;
}

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/**
 * UMAP's fuzzy simplicial set (McInnes, Healy & Melville 2018, §3.1; umap-learn's
 * `smooth_knn_dist` and `fuzzy_simplicial_set`): each point i gets ρᵢ, its distance to the
 * nearest neighbour, and σᵢ such that Σⱼ exp(−(dᵢⱼ − ρᵢ)/σᵢ) = log₂(k + 1) over its k
 * neighbours (k + 1 counts the point itself, as umap-learn's n_neighbors does); the directed
 * memberships are then united by the probabilistic t-conorm wᵢⱼ + wⱼᵢ − wᵢⱼwⱼᵢ.
 */
export function fuzzySimplicialSet(graph: KnnGraph, n: number): WeightedEdges {
  const { k, indices, distances } = graph;
  const target = Math.log2(k + 1);
  let meanAll = 0;
  for (let t = 0; t < n * k; t++) meanAll += distances[t];
  meanAll /= Math.max(1, n * k);
  // Directed memberships, row-major like the neighbour lists: wᵢⱼ sits where j does in i's row.
  const member = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let rho = 0;
    let mean = 0;
    for (let t = 0; t < k; t++) {
      mean += distances[base + t];
      if (rho === 0 && distances[base + t] > 0) rho = distances[base + t];
    }
    mean /= k;
    let lo = 0;
    let hi = Infinity;
    let sigma = 1;
    for (let iter = 0; iter < 64; iter++) {
      let sum = 0;
      for (let t = 0; t < k; t++) {
        const dd = distances[base + t] - rho;
        sum += dd > 0 ? Math.exp(-dd / sigma) : 1;
      }
      if (Math.abs(sum - target) < SMOOTH_K_TOLERANCE) break;
      if (sum > target) {
        hi = sigma;
        sigma = (lo + hi) / 2;
      } else {
        lo = sigma;
        sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
      }
    }
    // A floor on σ keeps points in flat regions from getting all-zero memberships (umap-learn).
    sigma = Math.max(sigma, MIN_K_DIST_SCALE * (rho > 0 ? mean : meanAll));
    for (let t = 0; t < k; t++) {
      const dd = distances[base + t] - rho;
      member[base + t] = dd <= 0 ? 1 : Math.exp(-dd / sigma);
    }
  }
  // Each pair once per direction: (i, j) from i's row, and (j, i) too when i is not in j's row
  // (otherwise j's own row emits it). wⱼᵢ is found by scanning j's k entries, which is quicker
  // than a hash of all n · k pairs.
  const heads = new Int32Array(2 * n * k);
  const tails = new Int32Array(2 * n * k);
  const weights = new Float32Array(2 * n * k);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let t = i * k; t < i * k + k; t++) {
      const j = indices[t];
      // A repeated entry counts once: its first place in the row.
      if (j < 0 || j === i || findIn(indices, i * k, t - i * k, j) >= 0) continue;
      const a = member[t];
      const back = findIn(indices, j * k, k, i);
      const b = back < 0 ? 0 : member[back];
      const w = a + b - a * b;
      heads[m] = i;
      tails[m] = j;
      weights[m++] = w;
      if (back < 0) {
        heads[m] = j;
        tails[m] = i;
        weights[m++] = w;
      }
    }
  }
  return { heads: heads.slice(0, m), tails: tails.slice(0, m), weights: weights.slice(0, m) };
}

/** Position of the first `v` in indices[start … start + count), or −1. */
function findIn(indices: Int32Array, start: number, count: number, v: number): number {
  for (let t = start; t < start + count; t++) if (indices[t] === v) return t;
  return -1;
}
