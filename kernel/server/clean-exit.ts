import type { Worker } from 'node:worker_threads';

/** How long the main thread waits for the socket thread to send what is queued and close. */
const CLOSE_WAIT_MS = 2000;

/**
 * Ends the kernel process with `code` once the socket thread has sent what is queued and closed
 * its ZeroMQ sockets. Exiting with the sockets open makes zeromq's teardown in the worker throw,
 * and the process dies with SIGABRT ("terminate called after throwing an instance of
 * 'Napi::Error'") instead of the code asked for. The wait is synchronous (Atomics.wait), so a
 * cell calling `process.exit(1)` stops there, as it would in plain Node.
 */
export function exitAfterSocketsClose(worker: Worker, closed: Int32Array, code: number, exit: (code: number) => never, beforeClose?: () => void): never {
  try {
    beforeClose?.();
  } finally {
    if (Atomics.load(closed, 0) === 0) {
      worker.postMessage({ type: 'close' });
      Atomics.wait(closed, 0, 0, CLOSE_WAIT_MS);
    }
  }
  return exit(code);
}

/**
 * Makes `process.exit` (a cell's, or a library's) end the kernel through exitAfterSocketsClose.
 * The code is the one given, else `process.exitCode`, else 0, as in Node. Returns the undo.
 */
export function routeProcessExit(worker: Worker, closed: Int32Array, beforeClose: () => void): () => void {
  const realExit = process.exit.bind(process) as (code?: number) => never;
  const exit = function exit(code?: number | string | null): never {
    const n = code === undefined || code === null ? Number(process.exitCode ?? 0) : Number(code);
    return exitAfterSocketsClose(worker, closed, Number.isInteger(n) ? n : 1, realExit, beforeClose);
  } as typeof process.exit;
  process.exit = exit;
  return () => {
    if (process.exit === exit) process.exit = realExit as typeof process.exit;
  };
}
