import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellSource, Notebook } from '../notebook/nbformat';
import { UsageError } from './usage-error';

/** A tutorial under notebooks/: `NN-name.ipynb`, its number and the title of its first heading. */
export interface Tutorial {
  number: string;
  file: string;
  title: string;
}

/** The numbered notebooks in `dir`, in order, each with the title its first markdown heading gives. */
export function listTutorials(dir: string): Tutorial[] {
  return readdirSync(dir)
    .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
    .sort()
    .map((file) => ({ number: file.slice(0, 2), file, title: titleOf(join(dir, file)) }));
}

function titleOf(path: string): string {
  try {
    const nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
    const md = nb.cells.find((c) => c.cell_type === 'markdown');
    return /^#\s+(.+)$/m.exec(md ? cellSource(md) : '')?.[1].trim() ?? '';
  } catch {
    return '';
  }
}

/** What `tripletlab start [ARG]` was asked for: the first tutorials, the list, or one tutorial. */
export type StartRequest = { kind: 'first' } | { kind: 'list' } | { kind: 'one'; tutorial: Tutorial };

/**
 * Reads `start`'s arguments: none runs the first tutorials, `list` lists them all, a number (`3`
 * or `03`) runs that one. Anything else is a UsageError naming the tutorials that exist.
 */
export function parseStartArgs(argv: string[], tutorials: Tutorial[]): StartRequest {
  const numbers = tutorials.map((t) => t.number).join(', ');
  if (argv.length === 0) return { kind: 'first' };
  if (argv.length > 1) throw new UsageError(`tripletlab start: expected at most one argument, a tutorial number or 'list', got ${argv.length} (${argv.join(' ')})`);
  const [arg] = argv;
  if (arg === 'list') return { kind: 'list' };
  if (!/^\d{1,2}$/.test(arg)) {
    throw new UsageError(`tripletlab start: '${arg}' is neither a tutorial number nor 'list'; tutorials: ${numbers} (npm start -- list describes them)`);
  }
  const number = arg.padStart(2, '0');
  const tutorial = tutorials.find((t) => t.number === number);
  if (!tutorial) throw new UsageError(`tripletlab start: there is no tutorial ${number}; the tutorials are ${numbers} (npm start -- list describes them)`);
  return { kind: 'one', tutorial };
}

/** One line per tutorial: how to run it and what it is. */
export function describeTutorials(tutorials: Tutorial[]): string {
  return tutorials.map((t) => `  npm start -- ${t.number}   ${t.file}${t.title ? `: ${t.title}` : ''}`).join('\n');
}
