import { parentPort, workerData } from 'worker_threads';
import type { NotebookTypes } from './notebook';
import type { Reply, Request, WorkerOptions, WorkerStats } from './protocol';

/**
 * Worker entry: loads TypeScript (≈0.4 s) and runs a first check (≈0.5 s, lib and node typings)
 * here, off the kernel's main thread, then answers requests in order. Requests that arrive
 * meanwhile wait in the port: the listener is attached only once the model is ready.
 */
function main(): void {
  const port = parentPort;
  if (!port) throw new Error('kernel/typecheck/worker must run in a worker thread; start it with TypeService.start({ cwd })');
  const post = (reply: Reply) => port.postMessage(reply);
  let model: NotebookTypes;
  try {
    const t0 = performance.now();
    const { NotebookTypes: Model } = require('./notebook') as typeof import('./notebook');
    model = new Model(workerData as WorkerOptions);
    const t1 = performance.now();
    model.check('console.log(process.argv.length);');
    model.complete('console.lo', 10);
    post({ type: 'ready', loadMs: t1 - t0, warmMs: performance.now() - t1 });
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    return;
  }
  port.on('message', (req: Request) => {
    try {
      post({ type: 'result', id: req.id, result: answer(model, req) });
    } catch (err) {
      const message = err instanceof Error ? err.stack ?? err.message : String(err);
      // The kernel logs the error; the cell's id says which run's check or commit it was.
      post({ type: 'error', id: req.id, message: 'cellId' in req ? `${req.op} of ${req.cellId}: ${message}` : message });
    }
  });
}

function answer(model: NotebookTypes, req: Request): unknown {
  switch (req.op) {
    case 'check':
      return { diagnostics: model.check(req.code), version: model.version };
    case 'commit':
      model.commit(req.code);
      return model.version;
    case 'complete':
      return model.complete(req.code, req.cursorPos);
    case 'inspect':
      return model.inspect(req.code, req.cursorPos, req.detailLevel);
    case 'stats': {
      const mem = process.memoryUsage();
      const stats: WorkerStats = { processRssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal, ...model.stats() };
      return stats;
    }
  }
}

main();
