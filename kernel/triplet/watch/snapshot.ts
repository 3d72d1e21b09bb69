import * as tf from '@tensorflow/tfjs';
import { finishProjection, prepareProjection, type ProjectionResult } from '../projections/project';
import type { LayoutJob, LayoutOutcome } from '../projections/layout-job';
import type { ProjectionMethodName, ProjectOptions } from '../projections/project-options';
import { trustworthiness } from '../projections/trustworthiness';
import { encodeProjection, type DistancesPayload, type ProjectionPayload, type BinnedDistances } from '../../../contract/payloads';
import type { ResolvedConfig } from '../config/types';
import { embed } from '../training/embed';
import type { EmbeddingModel } from '../training/types';
import { measureProbe } from './measure-probe';
import { normalizeRowsInPlace, rowNorms } from '../distances/row-norms';
import { TripletInputError } from '../validation/errors';

export interface SnapshotOptions {
  bins: number;
  maxPairs: number;
  neighbors: number;
  dims: 2 | 3;
  projection: Omit<ProjectOptions, 'dims' | 'trustworthiness'> & { method: ProjectionMethodName };
  title?: string;
}

/** Neighbourhood size of the trustworthiness in the caption (scikit-learn's default is 5; the and TensorBoard's habit is 10). */
const TRUST_K = 10;
/** Above this many probe points a PCA redraw's caption goes without trustworthiness (see judge). */
const PCA_TRUST_MAX_POINTS = 1000;

/** What a later snapshot of the same model is compared with. */
export interface SnapshotState {
  histogram?: BinnedDistances;
  /** The picture last drawn: the next one starts from it (UMAP, t-SNE) and is rotated onto it. */
  projection?: ProjectionResult;
  /** The distance block of the last redraw, reused by the next one of the same size. */
  block?: Float32Array;
}

/**
 * Upper end of the histogram range: exact bounds for unit vectors, else twice the largest norm.
 * Refuses embeddings that are not finite, whose distances would fill no meaningful bin.
 */
function upperBound(x: Float32Array, n: number, d: number, cfg: ResolvedConfig, fn: string): number {
  let maxNorm = 0;
  for (const norm of rowNorms(x, n, d)) maxNorm = Math.max(maxNorm, norm);
  if (!Number.isFinite(maxNorm)) {
    throw new TripletInputError('model', fn, 'embeds the probe to NaN or infinite values', 'Training has probably diverged: lower the learning rate, or rebuild the model, and train again.');
  }
  if (cfg.distance === 'cosine') return 2;
  const diameter = cfg.normalize ? 2 : Math.max(2 * maxNorm, 1e-6);
  return cfg.distance === 'squared-euclidean' ? diameter * diameter : diameter;
}

/** A UMAP / t-SNE layout still to run for a snapshot, and how its outcome becomes the picture. */
export interface PendingLayout {
  job: LayoutJob;
  /** The earlier frame, captioned with the layout's progress (or that it was stopped). */
  frame(progress: number, stopped?: boolean): ProjectionPayload;
  finish(outcome: LayoutOutcome): { projection: ProjectionPayload; state: SnapshotState };
}

export interface Snapshot {
  distances: DistancesPayload;
  /** The picture to show now: the final one for PCA; for UMAP / t-SNE the earlier frame. */
  projection: ProjectionPayload;
  layout?: PendingLayout;
  state: SnapshotState;
}

/** Probe embeddings → distances and projection payloads, aligned with `previous`. */
export function snapshot(
  model: EmbeddingModel,
  probe: { x: tf.Tensor2D; labels: Int32Array; labelNames?: string[] },
  cfg: ResolvedConfig,
  options: SnapshotOptions,
  previous: SnapshotState,
  step?: number,
  fn = 'triplet.watch',
): Snapshot {
  const e = embed(model, probe.x);
  if (cfg.normalize) normalizeRowsInPlace(e.data, e.n, e.dims);
  const { histograms: h, knn, matrix, block } = measureProbe(
    e.data,
    e.n,
    e.dims,
    probe.labels,
    {
      distance: cfg.distance,
      margin: cfg.margin,
      bins: options.bins,
      upper: upperBound(e.data, e.n, e.dims, cfg, fn),
      maxPairs: options.maxPairs,
      k: options.neighbors >= 0 ? options.neighbors : defaultNeighbors(e.n),
    },
    previous.block,
  );
  const distances: DistancesPayload = {
    version: 1,
    distance: cfg.distance,
    margin: cfg.margin,
    binEdges: h.binEdges,
    positive: h.positive,
    negative: h.negative,
    triplets: h.triplets,
    meanPositive: h.meanPositive,
    meanNegative: h.meanNegative,
    rocAuc: h.rocAuc,
  };
  if (previous.histogram) distances.previous = previous.histogram;
  if (options.title) distances.title = options.title;
  if (step !== undefined) distances.step = step;

  const host = { x: e.data, n: e.n, dims: e.dims };
  const before = previous.projection && previous.projection.n === e.n && previous.projection.dims === options.dims ? previous.projection : undefined;
  const prepared = prepareProjection(host, { ...options.projection, dims: options.dims, previous: before }, fn);
  const encode = (r: ProjectionResult, pending?: { method: ProjectionMethodName; progress: number; stopped?: boolean }): ProjectionPayload =>
    encodeProjection({
      coords: r.coords,
      dims: r.dims,
      labels: probe.labels,
      labelNames: probe.labelNames,
      method: r.method,
      neighbors: knn ? { k: knn.k, indices: knn.indices } : undefined,
      params: { ...r.params, distance: cfg.distance, normalize: cfg.normalize },
      explainedVariance: r.explainedVariance,
      trustworthiness: r.trustworthiness !== undefined ? { k: r.trustworthinessK ?? TRUST_K, value: r.trustworthiness } : undefined,
      pending,
      title: options.title,
    });
  // Trustworthiness in the original space's own distance, read off the matrix when there is one.
  // Its O(n²) pass costs ~150 ms at 2,000 points (bench/watch: 157 → 310 ms a redraw): next to a
  // UMAP / t-SNE layout that is small, next to PCA it is not, so PCA gets it up to 1,000 points.
  const judge = (r: ProjectionResult): ProjectionResult => {
    if (e.n <= 2 * TRUST_K || (r.method === 'pca' && (!matrix || e.n > PCA_TRUST_MAX_POINTS))) return r;
    return { ...r, trustworthiness: trustworthiness(host, { x: r.coords, n: e.n, dims: r.dims }, { k: TRUST_K, distance: cfg.distance, matrix }), trustworthinessK: TRUST_K };
  };
  const keep = { histogram: { binEdges: h.binEdges, positive: h.positive, negative: h.negative }, block };
  if (!prepared.job) {
    const r = judge(finishProjection(prepared, prepared.pcaCoords!, undefined, true));
    return { distances, projection: encode(r), state: { ...keep, projection: r } };
  }
  // The frame on screen while the layout runs: the previous picture, else PCA.
  const shownBefore = before ?? finishProjection({ ...prepared, job: undefined, o: { ...prepared.o, method: 'pca' } }, prepared.pcaCoords!, undefined, true);
  const method = prepared.job.method;
  return {
    distances,
    projection: encode(shownBefore, { method, progress: 0 }),
    layout: {
      job: prepared.job,
      frame: (progress, stopped) => encode(shownBefore, { method, progress, stopped }),
      finish: (outcome) => {
        const r = judge(finishProjection(prepared, outcome.coords, outcome.graph, outcome.complete));
        return { projection: encode(r), state: { ...keep, projection: r } };
      },
    },
    state: { ...keep, projection: before },
  };
}

/**
 * Neighbour lists cost ~2.7 bytes per index in the notebook (base64 Uint16); the coordinates and
 * the static fallbacks of 5,000 points already take ~85 KB, so the lists get what is left of a
 * ~100 KB budget, and at least one neighbour each.
 */
export function defaultNeighbors(n: number): number {
  return Math.max(1, Math.min(10, Math.floor(5600 / Math.max(1, n))));
}
