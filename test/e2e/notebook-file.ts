/**
 * Notebooks on disk: the scenarios write their own small notebooks (saved with the tripletlab
 * kernelspec, as a user's would be), copy tutorials without their outputs, and read back what
 * VS Code saved after a run.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface SavedOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

export interface SavedCell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: SavedOutput[];
  metadata?: Record<string, unknown>;
  id?: string;
}

export interface SavedNotebook {
  cells: SavedCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

const METADATA = {
  kernelspec: { name: 'tripletlab', display_name: 'TypeScript (tripletlab)', language: 'typescript' },
  language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
};

export const joined = (text: string | string[] | undefined): string => [text ?? ''].flat().join('');

/** Writes a notebook whose code cells are `sources`, in order. */
export function writeNotebook(path: string, sources: string[]): void {
  const nb: SavedNotebook = {
    cells: sources.map((source, i) => ({ cell_type: 'code', id: `cell-${i}`, source, execution_count: null, outputs: [], metadata: {} })),
    metadata: METADATA,
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(nb, null, 1));
}

export function readNotebook(path: string): SavedNotebook {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Copies a notebook without outputs or execution counts, so what the run leaves is all there is. */
export function copyWithoutOutputs(from: string, to: string): SavedNotebook {
  const nb = readNotebook(from);
  for (const c of nb.cells) {
    if (c.cell_type !== 'code') continue;
    c.outputs = [];
    c.execution_count = null;
  }
  writeFileSync(to, JSON.stringify(nb, null, 1));
  return nb;
}

/** The text a reader sees for an output: a stream's text, an error's name and message, or text/plain. */
export function outputText(o: SavedOutput): string {
  if (o.output_type === 'error') return `${o.ename}: ${o.evalue}`;
  if (o.output_type === 'stream') return joined(o.text);
  return joined(o.data?.['text/plain'] as string | string[] | undefined);
}

/** The first line of a cell's source, for messages. */
export function firstLine(cell: SavedCell): string {
  return joined(cell.source).split('\n')[0].slice(0, 100);
}
