import * as path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside `callerFile` (pass `__filename`): the compiled
 * .js, or, when the caller runs from TypeScript sources (tests), the .ts under the same on-the-fly
 * transpiler (sucrase) as its parent.
 */
export function startWorker(callerFile: string, name: string, options: WorkerOptions = {}): Worker {
  const ext = path.extname(callerFile);
  const execArgv = ext === '.ts' ? ['-r', require.resolve('sucrase/register/ts')] : [];
  return new Worker(path.join(path.dirname(callerFile), name + ext), { ...options, execArgv });
}
