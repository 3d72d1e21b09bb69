import type { KernelApi } from '../../api';
import { layoutInWorker, ProjectionAbortedError } from '../projections/project-async';
import { distancesBundle, projectionBundle } from '../render';
import type { Snapshot, SnapshotState } from './snapshot';

/** The cell's progress caption is redrawn at most this often (a 2,000-point frame is ~40 KB). */
const PROGRESS_STEP = 0.1;

/**
 * Shows a snapshot whose UMAP / t-SNE layout runs in a worker thread: the distances and the
 * earlier frame (captioned "UMAP running 40%") at once, the new picture in the same output when
 * the layout is done. The post_run_cell hook that calls this is awaited inside the cell's request,
 * where the kernel's interrupt only arrives as SIGINT (kernel/exec/interrupt.ts), so SIGINT is
 * listened to while the worker runs: it stops the worker, and the earlier frame stays, captioned
 * as stopped. Returns the state the next snapshot starts from.
 */
export async function drawInBackground(s: Snapshot, kernel: KernelApi): Promise<SnapshotState> {
  kernel.display.mime(distancesBundle(s.distances));
  const handle = kernel.display.mime(projectionBundle(s.projection));
  const layout = s.layout;
  if (!layout) return s.state;
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.on('SIGINT', onInterrupt);
  let shown = 0;
  try {
    const outcome = await layoutInWorker(layout.job, {
      signal: stop.signal,
      onProgress: (done, total) => {
        const progress = done / total;
        if (progress - shown >= PROGRESS_STEP && progress < 1) {
          shown = progress;
          handle.update(projectionBundle(layout.frame(progress)));
        }
      },
    });
    const done = layout.finish(outcome);
    handle.update(projectionBundle(done.projection));
    return done.state;
  } catch (err) {
    if (!(err instanceof ProjectionAbortedError)) throw err;
    handle.update(projectionBundle(layout.frame(shown, true)));
    return s.state;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
