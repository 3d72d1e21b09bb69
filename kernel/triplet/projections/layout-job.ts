import { tsneLayout, type TsneParams } from './tsne';
import { umapLayout, type UmapParams } from './umap';

/**
 * Everything a UMAP or t-SNE layout needs, as plain typed arrays, so the same job runs on the
 * calling thread (`project`) or in a worker thread (`projectAsync`). Loads no TensorFlow.js.
 */
export interface LayoutJob {
  method: 'umap' | 'tsne';
  x: Float32Array;
  n: number;
  d: number;
  dims: number;
  seed: number;
  umap: UmapParams;
  tsne: TsneParams;
  /** n × dims start: PCA for a cold start, the previous layout for a warm one. */
  init: Float32Array;
  warm: boolean;
  knnInit?: { indices: Int32Array; k: number };
}

export interface LayoutOutcome {
  coords: Float32Array;
  /** The neighbour lists found, kept for the next warm start. */
  graph: { indices: Int32Array; k: number };
  /** False when `tick` asked to stop: `coords` is the layout so far. */
  complete: boolean;
}

export function runLayoutJob(job: LayoutJob, tick?: (done: number, total: number) => boolean | void): LayoutOutcome {
  let complete = true;
  const run = {
    seed: job.seed,
    init: job.init,
    dims: job.dims,
    warm: job.warm,
    knnInit: job.knnInit,
    tick: (done: number, total: number) => {
      if (tick?.(done, total) === false) complete = false;
      return complete;
    },
  };
  const r = job.method === 'umap' ? umapLayout(job.x, job.n, job.d, job.umap, run) : tsneLayout(job.x, job.n, job.d, job.tsne, run);
  return { coords: r.coords, graph: { indices: r.graph.indices, k: r.graph.k }, complete };
}
