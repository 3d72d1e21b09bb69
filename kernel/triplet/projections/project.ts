import { toHostMatrix, type HostMatrix, type MatrixInput } from '../metrics/matrix-input';
import { TripletInputError } from '../validation/errors';
import { runLayoutJob, type LayoutJob } from './layout-job';
import { pca } from './pca';
import { procrustesAlign } from './procrustes';
import { describeParams, resolveProjectOptions, type ProjectionMethodName, type ProjectOptions, type ResolvedProjectOptions } from './project-options';
import { trustworthiness } from './trustworthiness';

export interface ProjectionResult {
  method: ProjectionMethodName;
  dims: 2 | 3;
  n: number;
  /** n × dims, interleaved x, y(, z) per point. */
  coords: Float32Array;
  /** What the picture was drawn with (neighbours, epochs, perplexity, seed, …), for captions. */
  params: Record<string, number | string | boolean>;
  /** PCA: each axis's share of the variance. */
  explainedVariance?: number[];
  /** Trustworthiness at `trustworthinessK` neighbours, when asked for. */
  trustworthiness?: number;
  trustworthinessK?: number;
  /** Started from `previous`'s layout (UMAP, t-SNE) rather than from PCA. */
  warm: boolean;
  /** Rotated (and shifted) onto `previous` by orthogonal Procrustes. */
  aligned: boolean;
  /** UMAP, t-SNE: the neighbour lists found, reused by the next warm start. */
  graph?: { indices: Int32Array; k: number };
  /** False when stopped early (progress callback returned false). */
  complete: boolean;
}

export interface ProjectCallOptions extends ProjectOptions {
  /**
   * An earlier result for the same points in the same order (e.g. the previous cell's): the new
   * layout starts from it (UMAP, t-SNE) and is rotated onto it, so the picture stays put.
   */
  previous?: ProjectionResult;
  /** Called as the layout proceeds with (steps done, total); returning false stops it. */
  onProgress?: (done: number, total: number) => boolean | void;
}

/** What both `project` and `projectAsync` work out on the calling thread before the layout. */
export interface PreparedProjection {
  m: HostMatrix;
  o: ResolvedProjectOptions;
  previous?: ProjectionResult;
  /** PCA's result: the answer for 'pca', the cold start otherwise. */
  pcaCoords?: Float32Array;
  explainedVariance?: number[];
  job?: LayoutJob;
}

export function prepareProjection(x: MatrixInput, options: ProjectCallOptions, fn: string): PreparedProjection {
  const m = toHostMatrix(x, 'x', fn);
  const o = resolveProjectOptions(options, m.n, fn);
  const previous = usablePrevious(options.previous, m.n, o, fn);
  const warm = o.method !== 'pca' && previous !== undefined && previous.method === o.method;
  let pcaCoords: Float32Array | undefined;
  let explainedVariance: number[] | undefined;
  if (!warm) {
    const p = pca({ x: m.data, n: m.n, dims: m.dims }, { components: Math.min(o.dims, m.dims) });
    pcaCoords = p.dims === o.dims ? p.coords : padColumns(p.coords, m.n, p.dims, o.dims);
    explainedVariance = p.explainedVarianceRatio;
  }
  if (o.method === 'pca') return { m, o, previous, pcaCoords, explainedVariance };
  const job: LayoutJob = {
    method: o.method,
    x: m.data,
    n: m.n,
    d: m.dims,
    dims: o.dims,
    seed: o.seed,
    umap: o.umap,
    tsne: o.tsne,
    init: warm ? previous!.coords : pcaCoords!,
    warm,
    knnInit: warm && previous!.graph ? previous!.graph : undefined,
  };
  return { m, o, previous, pcaCoords, explainedVariance, job };
}

export function finishProjection(p: PreparedProjection, coords: Float32Array, graph: { indices: Int32Array; k: number } | undefined, complete: boolean): ProjectionResult {
  const { m, o, previous } = p;
  let aligned = false;
  if (previous) {
    coords = procrustesAlign({ x: coords, n: m.n, dims: o.dims }, { x: previous.coords, n: m.n, dims: o.dims }).coords;
    aligned = true;
  }
  const result: ProjectionResult = {
    method: o.method,
    dims: o.dims,
    n: m.n,
    coords,
    params: { ...describeParams(o), warm: p.job?.warm ?? false, aligned },
    warm: p.job?.warm ?? false,
    aligned,
    complete,
  };
  if (p.explainedVariance && o.method === 'pca') result.explainedVariance = p.explainedVariance;
  if (graph) result.graph = graph;
  if (o.trustworthinessK > 0 && m.n > 2 * o.trustworthinessK) {
    result.trustworthiness = trustworthiness({ x: m.data, n: m.n, dims: m.dims }, { x: coords, n: m.n, dims: o.dims }, { k: o.trustworthinessK });
    result.trustworthinessK = o.trustworthinessK;
  }
  return result;
}

/**
 * `triplet.project(embeddings, { method, seed, ... })`: a 2-d or 3-d picture of the rows, on
 * this thread. 'pca' is exact; 'umap' and 'tsne' are seeded and deterministic for a seed, start
 * from PCA (or from `previous`, warm) and are aligned to `previous` when given. For a layout that
 * must not hold up the kernel, `projectAsync` runs the same job in a worker thread.
 */
export function project(x: MatrixInput, options: ProjectCallOptions = {}): ProjectionResult {
  const p = prepareProjection(x, options, 'project');
  if (!p.job) return finishProjection(p, p.pcaCoords!, undefined, true);
  const r = runLayoutJob(p.job, options.onProgress);
  return finishProjection(p, r.coords, r.graph, r.complete);
}

function usablePrevious(previous: ProjectionResult | undefined, n: number, o: ResolvedProjectOptions, fn: string): ProjectionResult | undefined {
  if (previous === undefined) return undefined;
  if (!previous || !(previous.coords instanceof Float32Array)) {
    throw new TripletInputError('options.previous', fn, 'is not a projection result', 'Pass what project() or projectAsync() returned for the same points, or leave it out.');
  }
  if (previous.n !== n || previous.dims !== o.dims) {
    throw new TripletInputError('options.previous', fn, `is a ${previous.n}-point ${previous.dims}-d projection for ${n} points in ${o.dims}-d`,
      'Pass the previous projection of the same points (same order) and the same dims, or leave it out.');
  }
  return previous;
}

/** PCA of data with fewer columns than dims (e.g. 2-d data shown in 3-d): the missing axes are 0. */
function padColumns(c: Float32Array, n: number, from: number, to: number): Float32Array {
  const out = new Float32Array(n * to);
  for (let i = 0; i < n; i++) for (let a = 0; a < from; a++) out[i * to + a] = c[i * from + a];
  return out;
}
