import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeArgs, repoRoot } from '../support/paths';

// One way for every tutorial test to run a notebook: headless, top to bottom, as `tripletlab run` does.
const root = repoRoot();
const CLI = __filename.endsWith('.ts') ? join(root, 'kernel', 'cli', 'main.ts') : join(root, 'out', 'kernel', 'cli', 'main.js');

export type Output = { output_type: string; name?: string; data?: Record<string, unknown>; text?: string | string[]; ename?: string; evalue?: string };
export type Cell = { cell_type: string; source?: string | string[]; outputs?: Output[] };
export type Notebook = { cells: Cell[] };

/** The text a reader sees for an output: its text/plain, or a stream's text. */
export const plain = (o: Output): string => [o.data?.['text/plain'] ?? o.text ?? ''].flat().join('');

/** Every output of every cell, in order. */
export const outputsOf = (nb: Notebook): Output[] => nb.cells.flatMap((c) => c.outputs ?? []);

/** The markdown text of the notebook, cells joined by blank lines. */
export const markdownOf = (nb: Notebook): string =>
  nb.cells.filter((c) => c.cell_type === 'markdown').map((c) => [c.source ?? ''].flat().join('')).join('\n\n');

/** The notebook as committed under notebooks/ (its outputs come from a full run). */
export function committed(name: string): Notebook {
  return JSON.parse(readFileSync(join(root, 'notebooks', name), 'utf8'));
}

/** Runs notebooks/<name> headless and returns the executed notebook; `env` reaches the kernel. */
export function execute(name: string, env: Record<string, string> = {}): Notebook {
  const out = join(mkdtempSync(join(tmpdir(), 'tripletlab-nb-')), name);
  const r = spawnSync(process.execPath, [...nodeArgs(CLI), 'run', join(root, 'notebooks', name), '-o', out], {
    encoding: 'utf8', timeout: 600_000, env: { ...process.env, ...env },
  });
  assert.equal(r.status, 0, `${name} failed:\n${r.stderr.slice(-3000)}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}
