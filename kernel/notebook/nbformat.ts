/** The parts of nbformat 4.5 ("The Notebook file format") that the runner reads and writes. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type Output = Record<string, unknown> & { output_type: 'stream' | 'display_data' | 'execute_result' | 'error' };

export interface Cell {
  id?: string;
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

export class NotebookFormatError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'NotebookFormatError';
  }
}

export function cellSource(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** Reads and checks a notebook; anything that is not nbformat 4 JSON is an error naming the file and the problem. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new NotebookFormatError(file, `cannot read the notebook (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let nb: Notebook;
  try {
    nb = JSON.parse(text);
  } catch (err) {
    throw new NotebookFormatError(file, `is not valid JSON (${(err as Error).message}); is it an .ipynb file?`);
  }
  if (typeof nb !== 'object' || nb === null || !Array.isArray(nb.cells)) throw new NotebookFormatError(file, "has no 'cells' list; is it an .ipynb file?");
  if (nb.nbformat !== 4) throw new NotebookFormatError(file, `is nbformat ${nb.nbformat}; only nbformat 4 is supported (convert it with 'jupyter nbconvert --to notebook')`);
  // Checked before any cell runs: a notebook found malformed only when it is written loses the run.
  if (!isObject(nb.metadata)) throw new NotebookFormatError(file, `has no top-level 'metadata' object; add "metadata": {} next to "cells"`);
  if (!Number.isInteger(nb.nbformat_minor) || nb.nbformat_minor < 0) {
    throw new NotebookFormatError(file, `has no valid 'nbformat_minor' (got ${JSON.stringify(nb.nbformat_minor)}); add "nbformat_minor": 5 next to "nbformat": 4`);
  }
  nb.cells.forEach((c, i) => {
    if (!['code', 'markdown', 'raw'].includes(c?.cell_type)) throw new NotebookFormatError(file, `cell ${i + 1} has an unknown cell_type '${c?.cell_type}'`);
    if (typeof c.source !== 'string' && !Array.isArray(c.source)) throw new NotebookFormatError(file, `cell ${i + 1} has no source`);
    if (Array.isArray(c.source)) {
      const bad = c.source.findIndex((line) => typeof line !== 'string');
      if (bad >= 0) {
        throw new NotebookFormatError(file, `cell ${i + 1}: 'source' item ${bad + 1} is ${describeJson(c.source[bad])}; a cell's source is a string or a list of strings`);
      }
    }
    if (c.metadata !== undefined && !isObject(c.metadata)) throw new NotebookFormatError(file, `cell ${i + 1}: 'metadata' must be an object (got ${JSON.stringify(c.metadata)}); use {}`);
    c.metadata ??= {};
  });
  return nb;
}

function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** nbformat 4.5 wants a unique `id` per cell. */
export function upgradeTo45(nb: Notebook): void {
  const seen = new Set<string>();
  for (const c of nb.cells) {
    if (typeof c.id !== 'string' || !/^[a-zA-Z0-9-_]{1,64}$/.test(c.id) || seen.has(c.id)) c.id = randomBytes(4).toString('hex');
    seen.add(c.id);
  }
  if (nb.nbformat_minor < 5) nb.nbformat_minor = 5;
}

/** Multi-line strings as nbformat writes them (a list of lines keeping their newlines), stable for diffs. */
export function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + '\n';
}
