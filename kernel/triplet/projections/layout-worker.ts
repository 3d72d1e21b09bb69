import { parentPort } from 'worker_threads';
import { runLayoutJob, type LayoutJob } from './layout-job';

/** At most this many progress messages per job: enough for a smooth bar, few enough to be free. */
const PROGRESS_MESSAGES = 50;

/**
 * Worker side of `projectAsync`: runs one UMAP or t-SNE layout job and posts progress, then the
 * layout (its buffers transferred). Loads only the layout code, no TensorFlow.js. Stopping is
 * `worker.terminate()` from the kernel's thread, which ends the loop wherever it is.
 */
function main(): void {
  const port = parentPort;
  if (!port) throw new Error('kernel/triplet/projections/layout-worker must run in a worker thread; projectAsync starts it');
  port.once('message', (job: LayoutJob) => {
    try {
      let last = -1;
      const r = runLayoutJob(job, (done, total) => {
        const step = Math.floor((done / total) * PROGRESS_MESSAGES);
        if (step !== last) {
          last = step;
          port.postMessage({ type: 'progress', done, total });
        }
      });
      port.postMessage({ type: 'done', coords: r.coords, graph: r.graph }, [r.coords.buffer, r.graph.indices.buffer]);
    } catch (err) {
      port.postMessage({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  });
}

main();
