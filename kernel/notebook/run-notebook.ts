import { dirname, join, resolve } from 'node:path';
import { packageRoot } from '../paths';
import { describeExit } from '../wire/kernel-exit';
import { startKernel, RunningKernel } from '../wire/launcher';
import type { Message } from '../wire';
import { cellSource, Notebook, Output, upgradeTo45 } from './nbformat';
import { OutputCollector } from './outputs';

export interface RunOptions {
  /** Folder the kernel resolves imports and files from; default: the notebook's folder. */
  cwd: string;
  /** Per-cell limit in seconds; on expiry the cell is interrupted and reported as an error. */
  timeoutS: number;
  allowErrors: boolean;
  /** Per-cell progress (stderr in the CLI). */
  progress?: (event: ProgressEvent) => void;
  kernelArgv?: string[];
  /** Aborting it (Ctrl-C, SIGTERM) ends the kernel at once and makes runNotebook throw RunStoppedError. */
  signal?: AbortSignal;
}

/** The run was stopped from outside (its AbortSignal); the kernel has been ended and its folder removed. */
export class RunStoppedError extends Error {
  constructor(readonly reason: string) {
    super(`stopped by ${reason}`);
    this.name = 'RunStoppedError';
  }
}

export type ProgressEvent =
  | { type: 'kernel'; ms: number }
  | { type: 'cell'; index: number; total: number; status: 'ok' | 'error' | 'timeout'; ms: number; firstLine: string; error?: string };

export interface RunSummary {
  cells: number;
  errors: { index: number; ename: string; evalue: string }[];
  seconds: number;
}

export function defaultKernelArgv(): string[] {
  return [process.execPath, join(packageRoot(), 'out', 'kernel', 'cli', 'main.js'), 'kernel', '--connection-file', '{connection_file}'];
}

/**
 * Executes every code cell of `nb` in order through a kernel started over ZeroMQ, filling in
 * outputs and execution counts in place (as nbclient does). Stops at the first error unless
 * `allowErrors`; the notebook is still complete and valid, later cells just keep no outputs.
 */
export async function runNotebook(nb: Notebook, options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  upgradeTo45(nb);
  const kernel: RunningKernel = await startKernel({
    argv: options.kernelArgv ?? defaultKernelArgv(),
    cwd: options.cwd,
    onOutput: (_stream, text) => process.stderr.write(text.replace(/^/gm, '  [kernel] ')),
  });
  // A stop ends the kernel with SIGTERM (it exits at once, even in a busy cell); stop() below then
  // removes its folder. Without this an interrupted runner left an orphan spinning at full CPU.
  let stoppedBy: string | undefined;
  const onAbort = () => {
    stoppedBy = String(options.signal?.reason ?? 'a stop request');
    kernel.process.kill('SIGTERM');
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  options.progress?.({ type: 'kernel', ms: Date.now() - started });
  const code = nb.cells.filter((c) => c.cell_type === 'code');
  const displays = new Map<string, Output[]>();
  const summary: RunSummary = { cells: code.length, errors: [], seconds: 0 };
  try {
    for (let i = 0; i < code.length && stoppedBy === undefined; i++) {
      const cell = code[i];
      const source = cellSource(cell);
      const collector = new OutputCollector(displays);
      const t0 = Date.now();
      let status = 'ok' as 'ok' | 'error' | 'timeout';
      let reply: Message | undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        timer = setTimeout(() => {
          status = 'timeout';
          void kernel.client.interrupt().catch(() => undefined);
        }, options.timeoutS * 1000);
        const executed = kernel.client.execute(source, {
          onIOPub: (m) => collector.add(m),
          allowStdin: false,
          stopOnError: !options.allowErrors,
          timeoutMs: options.timeoutS * 1000 + 10_000,
        });
        // A kernel that dies mid-cell never replies: stop at once, keeping the outputs so far.
        const died = kernel.exited.then((e) => e);
        const first = await Promise.race([executed.then((r) => ({ r })), died.then((e) => ({ e }))]);
        if ('e' in first && stoppedBy !== undefined) {
          executed.catch(() => undefined);
          break;
        }
        if ('e' in first) {
          executed.catch(() => undefined);
          cell.outputs = collector.outputs;
          const how = describeExit(first.e);
          const evalue = `the kernel exited (${how}) while running cell ${i + 1}; its outputs so far are kept, later cells were not run`;
          cell.outputs.push({ output_type: 'error', ename: 'KernelDiedError', evalue, traceback: [`KernelDiedError: ${evalue}`] });
          summary.errors.push({ index: i, ename: 'KernelDiedError', evalue });
          options.progress?.({ type: 'cell', index: i, total: code.length, status: 'error', ms: Date.now() - t0, firstLine: source.split('\n')[0], error: `KernelDiedError: ${evalue}` });
          break;
        }
        reply = first.r.reply as unknown as Message;
      } finally {
        clearTimeout(timer);
      }
      const content = reply.content as Record<string, any>;
      cell.outputs = collector.outputs;
      cell.execution_count = typeof content.execution_count === 'number' ? content.execution_count : null;
      let error: string | undefined;
      if (content.status !== 'ok') {
        if (status !== 'timeout') status = 'error';
        const ename = status === 'timeout' ? 'CellTimeoutError' : content.ename ?? 'Error';
        const evalue = status === 'timeout' ? `cell ${i + 1} did not finish within ${options.timeoutS} s and was interrupted` : content.evalue ?? '';
        if (status === 'timeout') cell.outputs.push({ output_type: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`] });
        summary.errors.push({ index: i, ename, evalue });
        error = `${ename}: ${evalue}`;
      }
      options.progress?.({ type: 'cell', index: i, total: code.length, status, ms: Date.now() - t0, firstLine: source.split('\n')[0], error });
      if (error && !options.allowErrors) break;
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await kernel.stop();
  }
  if (stoppedBy !== undefined) throw new RunStoppedError(stoppedBy);
  nb.metadata.kernelspec = { name: 'tripletlab', display_name: 'TypeScript (tripletlab)', language: 'typescript' };
  nb.metadata.language_info = { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' };
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

export function notebookDir(file: string): string {
  return dirname(resolve(file));
}
