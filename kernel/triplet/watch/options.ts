import type { ProjectionMethodName, ProjectOptions } from '../projections';
import { TripletInputError } from '../validation/errors';
import type { SnapshotOptions } from './snapshot';

export interface WatchOptions {
  /**
   * 'pca' (default; exact, instant), 'umap' or 'tsne', or their options, e.g.
   * { method: 'umap', minDist: 0.3, seed: 1 }. UMAP and t-SNE run in a worker thread after each
   * cell, start from the previous cell's layout and are rotated onto it.
   */
  projection?: ProjectionMethodName | (Omit<ProjectOptions, 'dims' | 'trustworthiness'> & { method: ProjectionMethodName });
  /** 'cell': after every cell that changed the weights; a number n: after every n-th such cell. */
  every?: 'cell' | number;
  /** Histogram bins (default 40). */
  bins?: number;
  /** At most this many pair distances go into the histograms per snapshot (default 2,000,000); beyond, evenly spaced anchors' rows. */
  maxPairs?: number;
  /**
   * Nearest neighbours per point in embedding space, for the renderer's click-to-highlight.
   * Default: as many as keep the projection's outputs within ~100 KB of the notebook
   * (10 up to 560 points, 5 at 1,000, 2 at 2,000, 1 at 5,000).
   */
  neighbors?: number;
  /** 2 or 3 (default 2). */
  dims?: 2 | 3;
  title?: string;
}

export function resolveWatchOptions(o: WatchOptions, fn: string): SnapshotOptions & { every: number } {
  const int = (v: unknown, arg: string, min: number) => {
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min)) throw new TripletInputError(`options.${arg}`, fn, `is ${String(v)}`, `Use an integer ≥ ${min}.`);
    return v;
  };
  const projection = typeof o.projection === 'string' ? { method: o.projection } : o.projection ?? { method: 'pca' as const };
  if (projection === null || typeof projection !== 'object' || !['pca', 'umap', 'tsne'].includes(projection.method)) {
    throw new TripletInputError('options.projection', fn, `is ${JSON.stringify(o.projection)}`, "Use 'pca', 'umap' or 'tsne', or an object such as { method: 'umap', minDist: 0.3 }.");
  }
  if (o.dims !== undefined && o.dims !== 2 && o.dims !== 3) throw new TripletInputError('options.dims', fn, `is ${String(o.dims)}`, 'Use 2 or 3.');
  const every = o.every === undefined || o.every === 'cell' ? 1 : int(o.every, 'every', 1);
  return {
    every,
    bins: int(o.bins ?? 40, 'bins', 1),
    maxPairs: int(o.maxPairs ?? 2_000_000, 'maxPairs', 1),
    neighbors: o.neighbors === undefined ? -1 : int(o.neighbors, 'neighbors', 0),
    dims: o.dims ?? 2,
    projection,
    title: o.title,
  };
}
