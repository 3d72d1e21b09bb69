import { resolve } from 'node:path';
import { Notebook, NotebookFormatError, readNotebook, serializeNotebook } from '../notebook/nbformat';
import { checkOutputPath, OutputPathError } from '../notebook/check-output-path';
import { NotebookWriteError, writeFileAtomic } from '../notebook/write-atomic';
import { notebookDir, ProgressEvent, runNotebook, RunStoppedError, RunSummary } from '../notebook/run-notebook';
import { parseArgs, UsageError } from './usage-error';

/** `tripletlab run NOTEBOOK.ipynb [-o OUT] [--timeout S] [--allow-errors]`; exit 1 when a cell failed. */
export async function runCommand(argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(argv, { output: true, timeout: true, 'allow-errors': false, cwd: true, quiet: false }, { '-o': 'output' }, 'tripletlab run');
  if (positional.length !== 1) throw new UsageError(`tripletlab run: expected one notebook path, got ${positional.length} (usage: tripletlab run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout SECONDS] [--allow-errors])`);
  const file = resolve(positional[0]);
  const timeoutS = options.timeout === undefined ? 600 : Number(options.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new UsageError(`tripletlab run: --timeout must be a positive number of seconds, got '${options.timeout}'`);
  const out = typeof options.output === 'string' ? resolve(options.output) : file;
  let summary: RunSummary;
  try {
    ({ summary } = await executeNotebookFile(file, out, {
      timeoutS,
      allowErrors: options['allow-errors'] === true,
      cwd: typeof options.cwd === 'string' ? resolve(options.cwd) : undefined,
      quiet: options.quiet === true,
    }));
  } catch (err) {
    if (!(err instanceof RunStoppedError)) throw err;
    process.stderr.write(`tripletlab run: ${err.message}; the kernel was shut down and ${out} was not written\n`);
    return 128 + (SIGNAL_NUMBERS[err.reason] ?? 1);
  }
  return summary.errors.length > 0 ? 1 : 0;
}

/** Exit codes after a signal follow the shell's convention, 128 + its number. */
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** Ctrl-C, SIGTERM or a closed terminal stop the run through `signal` while `run` is in progress. */
async function stoppableBySignals<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const names = Object.keys(SIGNAL_NUMBERS) as NodeJS.Signals[];
  const onSignal = (name: NodeJS.Signals) => stop.abort(name);
  for (const name of names) process.on(name, onSignal);
  try {
    return await run(stop.signal);
  } finally {
    for (const name of names) process.off(name, onSignal);
  }
}

export async function executeNotebookFile(
  file: string,
  out: string,
  o: { timeoutS: number; allowErrors: boolean; cwd?: string; quiet?: boolean },
): Promise<{ summary: RunSummary }> {
  let nb: Notebook;
  try {
    nb = readNotebook(file);
  } catch (err) {
    if (err instanceof NotebookFormatError) throw new UsageError(`tripletlab run: ${err.message}`);
    throw err;
  }
  try {
    checkOutputPath(out);
  } catch (err) {
    if (err instanceof OutputPathError) throw new UsageError(`tripletlab run: ${err.message}`);
    throw err;
  }
  const summary = await stoppableBySignals((signal) =>
    runNotebook(nb, {
      cwd: o.cwd ?? notebookDir(file),
      timeoutS: o.timeoutS,
      allowErrors: o.allowErrors,
      progress: o.quiet ? undefined : (e) => process.stderr.write(progressLine(e)),
      signal,
    }),
  );
  try {
    writeFileAtomic(out, serializeNotebook(nb));
  } catch (err) {
    if (err instanceof NotebookWriteError) throw new UsageError(`tripletlab run: ${err.message}`);
    throw err;
  }
  if (!o.quiet) {
    const failed = summary.errors.length;
    process.stderr.write(`${failed ? '✗' : '✓'} ${summary.cells} code cells, ${failed} error${failed === 1 ? '' : 's'}, ${summary.seconds.toFixed(1)} s → ${out}\n`);
  }
  return { summary };
}

function progressLine(e: ProgressEvent): string {
  if (e.type === 'kernel') return `kernel ready in ${e.ms} ms\n`;
  const mark = e.status === 'ok' ? '✓' : '✗';
  const width = String(e.total).length;
  const first = e.firstLine.length > 60 ? e.firstLine.slice(0, 57) + '...' : e.firstLine;
  return `[${String(e.index + 1).padStart(width)}/${e.total}] ${mark} ${String(e.ms).padStart(6)} ms  ${first}${e.error ? `\n      ${e.error}` : ''}\n`;
}
