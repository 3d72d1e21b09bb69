import { startWorker } from '../../worker-thread';
import type { MatrixInput } from '../metrics/matrix-input';
import type { LayoutJob, LayoutOutcome } from './layout-job';
import { finishProjection, prepareProjection, type ProjectCallOptions, type ProjectionResult } from './project';

/** Raised by `projectAsync` when its signal aborts: the worker was stopped, no picture was made. */
export class ProjectionAbortedError extends Error {
  constructor(what: string) {
    super(`projectAsync: the ${what} projection was stopped before it finished`);
    this.name = 'ProjectionAbortedError';
  }
}

type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; coords: Float32Array; graph: { indices: Int32Array; k: number } }
  | { type: 'error'; message: string };

/**
 * `project` with the UMAP / t-SNE layout in a worker thread, so the kernel keeps answering (and
 * can be interrupted) while it runs. PCA, the start and the final alignment are quick and stay on
 * this thread. `signal` stops the worker at once and rejects with ProjectionAbortedError;
 * `onProgress(done, total)` reports the layout's steps.
 */
export async function projectAsync(x: MatrixInput, options: ProjectCallOptions & { signal?: AbortSignal } = {}): Promise<ProjectionResult> {
  const p = prepareProjection(x, options, 'projectAsync');
  if (!p.job) return finishProjection(p, p.pcaCoords!, undefined, true);
  const r = await layoutInWorker(p.job, options);
  return finishProjection(p, r.coords, r.graph, true);
}

/** Runs one layout job in a fresh worker thread (terminated when done, failed or aborted). */
export async function layoutInWorker(job: LayoutJob, options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => boolean | void } = {}): Promise<LayoutOutcome> {
  const what = job.method === 'umap' ? 'UMAP' : 't-SNE';
  if (options.signal?.aborted) throw new ProjectionAbortedError(what);
  const worker = startWorker(__filename, 'layout-worker');
  let abort = () => undefined as void;
  try {
    return await new Promise<LayoutOutcome>((resolve, reject) => {
      abort = () => reject(new ProjectionAbortedError(what));
      options.signal?.addEventListener('abort', abort, { once: true });
      worker.on('message', (msg: WorkerReply) => {
        if (msg.type === 'progress') {
          if (options.onProgress?.(msg.done, msg.total) === false) abort();
        } else if (msg.type === 'done') resolve({ coords: msg.coords, graph: msg.graph, complete: true });
        else reject(new Error(`projectAsync: the ${what} layout failed in its worker thread: ${msg.message}`));
      });
      worker.on('error', (err) => reject(err));
      worker.on('exit', (code) => reject(new Error(`projectAsync: the ${what} worker thread exited (code ${code}) before it finished`)));
      worker.postMessage(job);
    });
  } finally {
    options.signal?.removeEventListener('abort', abort);
    void worker.terminate();
  }
}
