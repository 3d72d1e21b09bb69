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
  const directed = new Map<number, number>();
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
      const j = indices[base + t];
      if (j < 0 || j === i) continue;
      const dd = distances[base + t] - rho;
      directed.set(i * n + j, dd <= 0 ? 1 : Math.exp(-dd / sigma));
    }
  }
  const heads: number[] = [];
  const tails: number[] = [];
  const weights: number[] = [];
  for (const [key, a] of directed) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    const back = directed.get(j * n + i);
    const b = back ?? 0;
    const w = a + b - a * b;
    heads.push(i);
    tails.push(j);
    weights.push(w);
    if (back === undefined) {
      heads.push(j);
      tails.push(i);
      weights.push(w);
    }
  }
  return { heads: Int32Array.from(heads), tails: Int32Array.from(tails), weights: Float32Array.from(weights) };
}
