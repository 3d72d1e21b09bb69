import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../paths';
import { cellSource, Notebook } from '../notebook/nbformat';
import { executeNotebookFile } from './run-command';
import { describeTutorials, listTutorials, parseStartArgs, type Tutorial } from './tutorials';

/** The notebooks a new user runs first: the kernel's basics, then the first triplet network. */
export const START_NOTEBOOKS = [join('notebooks', '00-hello.ipynb'), join('notebooks', '01-triplet-mnist.ipynb')];

const OPEN_HINT = '\nOpen notebooks/*.ipynb in VS Code and pick the "TypeScript (tripletlab)" kernel to run them interactively.\n';

/**
 * `npm start [-- NN | list]`: with no argument runs the start notebooks headless into a temporary
 * folder, summarises what they showed and says how to run the others; `NN` runs tutorial NN the
 * same way; `list` lists the tutorials.
 */
export async function startCommand(argv: string[] = []): Promise<number> {
  const tutorials = listTutorials(join(packageRoot(), 'notebooks'));
  const request = parseStartArgs(argv, tutorials);
  if (request.kind === 'list') {
    process.stdout.write(`Tutorials (each runs headless with its command; npm start alone runs 00 and 01):\n${describeTutorials(tutorials)}\n`);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tripletlab-start-'));
  if (request.kind === 'one') {
    const failed = await runOne(join('notebooks', request.tutorial.file), join(dir, request.tutorial.file));
    process.stdout.write(OPEN_HINT);
    return failed ? 1 : 0;
  }
  let failed = 0;
  for (const name of START_NOTEBOOKS) {
    failed += await runOne(name, join(dir, name.replace(/^.*[\\/]/, '')));
    if (failed) break;
  }
  const more = tutorials.filter((t: Tutorial) => !START_NOTEBOOKS.some((s) => s.endsWith(t.file)));
  if (more.length) process.stdout.write(`\nMore tutorials, each runnable the same way (npm start -- list lists them all):\n${describeTutorials(more)}\n`);
  process.stdout.write(OPEN_HINT);
  return failed ? 1 : 0;
}

async function runOne(name: string, out: string): Promise<number> {
  const file = join(packageRoot(), name);
  process.stderr.write(`\nRunning ${name} with the tripletlab kernel...\n`);
  const { summary } = await executeNotebookFile(file, out, { timeoutS: 600, allowErrors: false });
  const nb = JSON.parse(readFileSync(out, 'utf8')) as Notebook;
  const lines: string[] = ['', `Summary of ${name}:`];
  let n = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'code') continue;
    n++;
    const first = cellSource(cell).split('\n')[0].slice(0, 50);
    // A cell's result says most; cells without one show what they printed or displayed.
    const outputs = cell.outputs ?? [];
    const result = outputs.find((o) => o.output_type === 'execute_result' || o.output_type === 'error');
    const shown = (result ? [result] : outputs).map(describeOutput).filter(Boolean).join('; ');
    lines.push(`  [${n}] ${first.padEnd(50)} → ${shown.slice(0, 90) || '(no output)'}`);
  }
  lines.push(`  ${summary.cells} cells in ${summary.seconds.toFixed(1)} s, ${summary.errors.length} errors. Executed notebook: ${out}`);
  process.stdout.write(lines.join('\n') + '\n');
  return summary.errors.length;
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
