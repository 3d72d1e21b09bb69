import { parentPort } from 'worker_threads';
import { MatrixRowCounter } from './matrix-histograms';
import { CONTROL_DONE, CONTROL_NEXT, CONTROL_ROWS, ROW_BLOCK, type RowJob } from './row-job';

/**
 * Worker side of `RowSplitter`: counts blocks of anchor rows of a shared distance matrix until
 * none are left, writes its partial counts into shared memory and flags them done. Loads no
 * TensorFlow.js: only the counting code.
 */
function main(): void {
  const port = parentPort;
  if (!port) throw new Error('kernel/triplet/watch/row-worker must run in a worker thread; RowSplitter starts it');
  port.on('message', (job: RowJob) => {
    try {
      const counter = new MatrixRowCounter(job.input);
      job.result.fill(0);
      for (;;) {
        const from = Atomics.add(job.control, CONTROL_NEXT, ROW_BLOCK);
        if (from >= counter.anchors) break;
        const to = Math.min(from + ROW_BLOCK, counter.anchors);
        counter.countRows(from, to, job.result);
        Atomics.add(job.control, CONTROL_ROWS, to - from);
      }
      Atomics.store(job.control, CONTROL_DONE, 1);
    } catch (err) {
      // The main thread sees the failure flag and counts every row itself.
      Atomics.store(job.control, CONTROL_DONE, 2);
      port.postMessage({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
    Atomics.notify(job.control, CONTROL_DONE);
  });
  port.postMessage({ type: 'ready' });
}

main();
