import { availableParallelism } from 'node:os';
import { TripletInputError } from '../validation/errors';
import { TSNE_DEFAULTS, type TsneParams } from './tsne';
import { defaultUmapEpochs, UMAP_DEFAULTS, type UmapParams } from './umap';

export type ProjectionMethodName = 'pca' | 'umap' | 'tsne';

export interface ProjectOptions {
  /** 'pca' (exact, default), 'umap' or 'tsne'. */
  method?: ProjectionMethodName;
  /** Output dimensions, 2 (default) or 3. */
  dims?: 2 | 3;
  /** Same seed, same data → the same picture (default 0). */
  seed?: number;
  /** UMAP: neighbourhood size including the point itself (default 15). */
  neighbors?: number;
  /** UMAP: how tightly points may pack (default 0.1). */
  minDist?: number;
  /** UMAP: scale of the layout (default 1). */
  spread?: number;
  /** UMAP: SGD epochs of a cold start (default 500 up to 2,000 points, else 200). */
  epochs?: number;
  /** t-SNE: effective number of neighbours (default 30). */
  perplexity?: number;
  /** t-SNE: iterations of a cold start, the first 100 with early exaggeration (default 300). */
  iterations?: number;
  /** t-SNE: Barnes–Hut accuracy θ (default 0.8; smaller is more exact and slower). */
  theta?: number;
  /** t-SNE: step size, or 'auto' = max(n / 48, 50) (default). */
  learningRate?: number | 'auto';
  /**
   * t-SNE: threads for its neighbour search, affinities and gradient, 1 to 8 (default: 2 from
   * 2,000 points on a machine with two or more cores, else 1). The picture is the same for any number.
   */
  threads?: number;
  /** Measure trustworthiness with this many neighbours (true: 10) and return it. */
  trustworthiness?: boolean | number;
}

export interface ResolvedProjectOptions {
  method: ProjectionMethodName;
  dims: 2 | 3;
  seed: number;
  umap: UmapParams;
  tsne: TsneParams;
  trustworthinessK: number;
}

/** UMAP epochs: umap-learn's 500 for small sets; above 2,000 points 200 give the same trustworthiness (bench/projection). */
function umapEpochs(n: number): number {
  return n <= 2000 ? defaultUmapEpochs(n) : 200;
}

/** More threads than this only wait for each other: the tree is built on one of them. */
const MAX_THREADS = 8;

/**
 * On an idle 2-core machine two threads laid out 5,000 points in 3.0–3.3 s against 3.4–3.9 s on
 * one (the optimiser 1.5× faster); with another program on one of the two cores they were 15–25%
 * slower (bench/projection, RESULTS.md). Below 2,000 points a layout takes about a second and is
 * left on one thread.
 */
export function defaultTsneThreads(n: number): number {
  return n >= 2000 && availableParallelism() >= 2 ? 2 : 1;
}

export function resolveProjectOptions(o: ProjectOptions, n: number, fn: string): ResolvedProjectOptions {
  if (o === null || typeof o !== 'object') throw new TripletInputError('options', fn, `is ${String(o)}`, "Pass an object, e.g. { method: 'umap' }.");
  const method = o.method ?? 'pca';
  if (method !== 'pca' && method !== 'umap' && method !== 'tsne') {
    throw new TripletInputError('options.method', fn, `is ${JSON.stringify(method)}`, "Use 'pca', 'umap' or 'tsne'.");
  }
  const dims = o.dims ?? 2;
  if (dims !== 2 && dims !== 3) throw new TripletInputError('options.dims', fn, `is ${String(dims)}`, 'Use 2 or 3.');
  const int = (v: number | undefined, name: string, min: number, max: number, dflt: number): number => {
    if (v === undefined) return dflt;
    if (!Number.isInteger(v) || v < min || v > max) throw new TripletInputError(`options.${name}`, fn, `is ${String(v)}`, `Use an integer from ${min} to ${max}.`);
    return v;
  };
  const real = (v: number | undefined, name: string, ok: (v: number) => boolean, hint: string, dflt: number): number => {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !ok(v)) throw new TripletInputError(`options.${name}`, fn, `is ${String(v)}`, hint);
    return v;
  };
  const seed = int(o.seed, 'seed', 0, 2 ** 32 - 1, 0);
  if (method !== 'pca' && n < 4) throw new TripletInputError('x', fn, `has ${n} points`, `${method.toUpperCase()} needs at least 4 points; use method: 'pca'.`);
  const neighbors = int(o.neighbors, 'neighbors', 2, Math.max(2, n), Math.min(UMAP_DEFAULTS.neighbors, n));
  const spread = real(o.spread, 'spread', (v) => v > 0, 'Use a positive number, e.g. 1.', UMAP_DEFAULTS.spread);
  const minDist = real(o.minDist, 'minDist', (v) => v >= 0 && v <= spread, `Use a number from 0 to spread (${spread}), e.g. 0.1.`, UMAP_DEFAULTS.minDist);
  const perplexity = real(o.perplexity, 'perplexity', (v) => v >= 1 && 3 * v < n, `Use a number from 1 to below n / 3 (${Math.floor((n - 1) / 3)}), e.g. 30.`, Math.min(TSNE_DEFAULTS.perplexity, Math.max(1, Math.floor((n - 1) / 3))));
  const theta = real(o.theta, 'theta', (v) => v >= 0 && v <= 1.5, 'Use a number from 0 to 1.5, e.g. 0.5.', TSNE_DEFAULTS.theta);
  let learningRate: number | 'auto' = TSNE_DEFAULTS.learningRate;
  if (o.learningRate !== undefined && o.learningRate !== 'auto') learningRate = real(o.learningRate, 'learningRate', (v) => v > 0, "Use a positive number or 'auto'.", 0);
  const tk = o.trustworthiness;
  const trustworthinessK = tk === undefined || tk === false ? 0 : tk === true ? 10 : int(tk, 'trustworthiness', 1, Math.max(1, Math.ceil(n / 2) - 1), 10);
  return {
    method,
    dims,
    seed,
    umap: { neighbors, minDist, spread, epochs: int(o.epochs, 'epochs', 1, 100_000, umapEpochs(n)), negativeSampleRate: UMAP_DEFAULTS.negativeSampleRate },
    tsne: {
      perplexity,
      theta,
      learningRate,
      iterations: int(o.iterations, 'iterations', 1, 100_000, TSNE_DEFAULTS.iterations),
      earlyExaggeration: TSNE_DEFAULTS.earlyExaggeration,
      threads: int(o.threads, 'threads', 1, MAX_THREADS, defaultTsneThreads(n)),
    },
    trustworthinessK,
  };
}

/** The parameters a picture was drawn with, for its caption. */
export function describeParams(r: ResolvedProjectOptions): Record<string, number | string> {
  if (r.method === 'umap') return { neighbors: r.umap.neighbors, minDist: r.umap.minDist, epochs: r.umap.epochs, seed: r.seed };
  if (r.method === 'tsne') return { perplexity: r.tsne.perplexity, iterations: r.tsne.iterations, theta: r.tsne.theta, seed: r.seed };
  return {};
}
