import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../paths';
import { cellSource, Notebook } from '../notebook/nbformat';
import { executeNotebookFile } from './run-command';

/** The first notebook a new user runs; `npm start` executes it and prints a one-screen summary. */
export const START_NOTEBOOK = join('notebooks', '00-hello.ipynb');

/** `npm start`: runs the start notebook headless into a temporary folder and summarises what it showed. */
export async function startCommand(): Promise<number> {
  const file = join(packageRoot(), START_NOTEBOOK);
  const out = join(mkdtempSync(join(tmpdir(), 'tripletlab-start-')), 'executed.ipynb');
  process.stderr.write(`Running ${START_NOTEBOOK} with the tripletlab kernel...\n`);
  const { summary } = await executeNotebookFile(file, out, { timeoutS: 600, allowErrors: false });
  const nb = JSON.parse(readFileSync(out, 'utf8')) as Notebook;
  const lines: string[] = ['', `Summary of ${START_NOTEBOOK}:`];
  let n = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    n++;
    const first = cellSource(cell).split('\n')[0].slice(0, 50);
    const shown = (cell.outputs ?? []).map(describeOutput).filter(Boolean).join('; ');
    lines.push(`  [${n}] ${first.padEnd(50)} → ${shown.slice(0, 90) || '(no output)'}`);
  }
  lines.push('', `${summary.cells} cells in ${summary.seconds.toFixed(1)} s, ${summary.errors.length} errors. Executed notebook: ${out}`);
  lines.push('Open notebooks/*.ipynb in VS Code and pick the "TypeScript (tripletlab)" kernel to run them interactively.');
  process.stdout.write(lines.join('\n') + '\n');
  return summary.errors.length ? 1 : 0;
}

function describeOutput(o: Record<string, any>): string {
  const text = (v: unknown) => (Array.isArray(v) ? v.join('') : String(v ?? '')).trim().replace(/\s+/g, ' ');
  switch (o.output_type) {
    case 'stream':
      return text(o.text);
    case 'error':
      return `${o.ename}: ${o.evalue}`;
    default: {
      const mimes = Object.keys(o.data ?? {});
      const rich = mimes.filter((m) => m !== 'text/plain');
      const plain = o.data?.['text/plain'] ? text(o.data['text/plain']) : '';
      return rich.length ? `${plain ? plain + ' ' : ''}[${rich.join(', ')}]` : plain;
    }
  }
}
