import { inspect } from 'node:util';

/** Jupyter's error triple (messaging spec, "Execution errors"). */
export interface ErrorReport {
  ename: string;
  evalue: string;
  traceback: string[];
}

const CELL_FRAME = /\b(cell-\d+[\w-]*\.ts):(\d+):(\d+)/;
// Frames of the kernel machinery that runs a cell, below the cell's own frames.
const INTERNAL_FRAME = /node:inspector|node:vm|node:internal\/vm|evalmachine\.<anonymous>|tripletlab-exec-trampoline|[\\/]kernel[\\/]exec[\\/]/;

function splitStack(stack: string, header: string): string[] {
  const at = stack.search(/\n\s+at /);
  if (at < 0) return [];
  return stack
    .slice(at + 1)
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .map((l) => `    ${l.trim()}`)
    .filter((l) => !l.includes(header));
}

function keepUserFrames(frames: string[]): string[] {
  let last = -1;
  frames.forEach((f, i) => {
    if (CELL_FRAME.test(f)) last = i;
  });
  const kept = last >= 0 ? frames.slice(0, last + 1) : frames;
  return kept.filter((f) => !INTERNAL_FRAME.test(f));
}

/** `  3 | code` and a caret under the column, for the innermost frame in a cell whose source is known. */
function snippet(frames: string[], sources: ReadonlyMap<string, string>): string[] {
  for (const f of frames) {
    const m = CELL_FRAME.exec(f);
    if (!m) continue;
    const src = sources.get(m[1]);
    if (src === undefined) continue;
    const line = Number(m[2]);
    const text = src.split('\n')[line - 1];
    if (text === undefined) return [];
    const gutter = `${line} | `;
    return ['', `${m[1]}:${line}`, `${gutter}${text}`, `${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, Number(m[3]) - 1))}^`];
  }
  return [];
}

/**
 * Turns a thrown value into Jupyter's error triple. The traceback starts with `Name: message`,
 * keeps the frames of library code the cell called and of the cells themselves (`cell-N.ts:L:C`,
 * the cell's own lines since transpiling keeps lines), and drops the kernel's frames below them.
 * `where` positions errors V8 raises before running (syntax errors), whose stack has no frame.
 */
export function formatError(thrown: unknown, sources: ReadonlyMap<string, string>, where?: { cell: string; line: number; column: number }): ErrorReport {
  if (!(thrown instanceof Error) && !(thrown !== null && typeof thrown === 'object' && typeof (thrown as Error).stack === 'string')) {
    const shown = inspect(thrown, { colors: false, depth: 3 });
    const frames = where ? [`    at ${where.cell}:${where.line}:${where.column}`] : [];
    return { ename: 'Uncaught', evalue: shown, traceback: [`Uncaught ${shown}`, ...frames, ...snippet(frames, sources)] };
  }
  const err = thrown as Error;
  const ename = typeof err.name === 'string' && err.name ? err.name : 'Error';
  const evalue = typeof err.message === 'string' ? err.message : String(err.message);
  const header = evalue ? `${ename}: ${evalue}` : ename;
  let frames = keepUserFrames(splitStack(typeof err.stack === 'string' ? err.stack : '', header));
  if (frames.length === 0 && where) frames = [`    at ${where.cell}:${where.line}:${where.column}`];
  return { ename, evalue, traceback: [...header.split('\n'), ...frames, ...snippet(frames, sources)] };
}

/** A report for errors positioned by the runtime itself (transpile-time syntax errors). */
export function positionedError(ename: string, evalue: string, cell: string, line: number, column: number, sources: ReadonlyMap<string, string>): ErrorReport {
  const frames = [`    at ${cell}:${line}:${column}`];
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...frames, ...snippet(frames, sources)] };
}
