import { fuzzySimplicialSet } from './fuzzy-simplicial-set';
import { nnDescent, type KnnGraph } from './nn-descent';
import { fitCurve } from './umap-curve';
import { optimizeUmapLayout } from './umap-optimize';

export interface UmapParams {
  /** Neighbourhood size, the point itself included, as umap-learn counts it (default 15). */
  neighbors: number;
  /** How tightly points may pack (default 0.1). */
  minDist: number;
  /** Scale of the embedded points (default 1). */
  spread: number;
  /** SGD epochs of a cold start (default 500 up to 10,000 points, else 200; umap-learn's rule). */
  epochs: number;
  negativeSampleRate: number;
}

export const UMAP_DEFAULTS = { neighbors: 15, minDist: 0.1, spread: 1, negativeSampleRate: 5 };

export function defaultUmapEpochs(n: number): number {
  return n <= 10_000 ? 500 : 200;
}

/**
 * A warm start begins at a converged layout of nearly the same graph: a fifth of the epochs at a
 * tenth of the step size move points to their new neighbours without shaking the picture.
 */
const WARM_EPOCH_SHARE = 0.2;
const WARM_LEARNING_RATE = 0.1;

export interface LayoutRun {
  seed: number;
  /** n × dims start: PCA (cold) or the previous layout (warm). */
  init: Float32Array;
  dims: number;
  warm: boolean;
  /** The previous call's neighbour lists, to resume the search from (warm). */
  knnInit?: { indices: Int32Array; k: number };
  tick?: (done: number, total: number) => boolean | void;
}

/**
 * UMAP (McInnes, Healy & Melville 2018) on typed arrays: NN-descent neighbours, the fuzzy
 * simplicial set, and SGD with negative sampling from `init`. A cold start is rescaled to [0, 10]
 * per axis as umap-learn does with its spectral start. Returns the layout and the neighbour lists
 * (for the next warm start).
 */
export function umapLayout(x: Float32Array, n: number, d: number, params: UmapParams, run: LayoutRun): { coords: Float32Array; graph: KnnGraph } {
  const graph = nnDescent(x, n, d, params.neighbors - 1, { seed: run.seed, init: run.knnInit });
  const edges = fuzzySimplicialSet(graph, n);
  const { a, b } = fitCurve(params.minDist, params.spread);
  // A cold start is rescaled as umap-learn does; a warm one is already a layout of this scale.
  const coords = run.warm ? Float32Array.from(run.init) : rescale(run.init, n, run.dims, 10);
  const epochs = run.warm ? Math.max(10, Math.round(params.epochs * WARM_EPOCH_SHARE)) : params.epochs;
  optimizeUmapLayout(coords, n, run.dims, edges, {
    a,
    b,
    epochs,
    learningRate: run.warm ? WARM_LEARNING_RATE : 1,
    negativeSampleRate: params.negativeSampleRate,
    seed: run.seed,
    tick: run.tick,
  });
  return { coords, graph };
}

/** A copy of `init` mapped to [0, size] on every axis (a constant axis goes to the middle). */
export function rescale(init: Float32Array, n: number, dims: number, size: number): Float32Array {
  const out = new Float32Array(n * dims);
  for (let c = 0; c < dims; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = init[i * dims + c];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const scale = hi > lo ? size / (hi - lo) : 0;
    for (let i = 0; i < n; i++) out[i * dims + c] = scale ? (init[i * dims + c] - lo) * scale : size / 2;
  }
  return out;
}
