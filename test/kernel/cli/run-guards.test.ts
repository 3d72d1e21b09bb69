import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeArgs, repoRoot } from '../../support/paths';
import { alive } from '../../support/processes';

// What `tripletlab run` checks before the first cell runs, and what it leaves when it is stopped.
const CLI = __filename.endsWith('.ts') ? join(repoRoot(), 'kernel', 'cli', 'main.ts') : join(repoRoot(), 'out', 'kernel', 'cli', 'main.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'tripletlab-run-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [...nodeArgs(CLI), ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TRIPLETLAB_TYPECHECK: 'off' } });
  return { code: r.status, stderr: r.stderr };
}

/** A notebook whose only cell leaves a marker file, so a test can tell whether any cell ran. */
function notebook(dir: string, edit: (nb: Record<string, any>) => void = () => undefined): { file: string; marker: string } {
  const marker = join(dir, 'ran');
  const nb: Record<string, any> = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: 'code', source: `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x')`, metadata: {}, outputs: [], execution_count: null }],
  };
  edit(nb);
  const file = join(dir, 'in.ipynb');
  writeFileSync(file, JSON.stringify(nb));
  return { file, marker };
}

const refusals: { name: string; args: (dir: string, file: string) => string[]; edit?: (nb: Record<string, any>) => void; says: RegExp }[] = [
  { name: 'an output folder that does not exist', args: (d, f) => [f, '-o', join(d, 'missing', 'out.ipynb')], says: /missing.*does not exist/ },
  {
    name: 'an output path that is a folder',
    args: (d, f) => {
      mkdirSync(join(d, 'taken.ipynb'));
      return [f, '-o', join(d, 'taken.ipynb')];
    },
    says: /taken\.ipynb.*is a folder/,
  },
  { name: 'an output folder that is a file', args: (_d, f) => [f, '-o', join(f, 'out.ipynb')], says: /in\.ipynb.*is not a folder/ },
  { name: 'a notebook without top-level metadata', args: (_d, f) => [f], edit: (nb) => delete nb.metadata, says: /no top-level 'metadata' object.*"metadata": \{\}/ },
  { name: 'a notebook without nbformat_minor', args: (_d, f) => [f], edit: (nb) => delete nb.nbformat_minor, says: /'nbformat_minor'/ },
  { name: 'a cell source list with a number in it', args: (_d, f) => [f], edit: (nb) => (nb.cells[0].source = [1, 2, '+3']), says: /cell 1: 'source' item 1 is a number; .*strings/ },
  { name: 'a cell whose metadata is not an object', args: (_d, f) => [f], edit: (nb) => (nb.cells[0].metadata = 'x'), says: /cell 1: 'metadata' must be an object/ },
];

for (const r of refusals) {
  test(`run refuses ${r.name} before any cell runs: one line, exit 2, the notebook untouched`, () => {
    const dir = tmp();
    const { file, marker } = notebook(dir, r.edit);
    const before = readFileSync(file, 'utf8');
    const out = cli(['run', ...r.args(dir, file)]);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, r.says);
    assert.equal(out.stderr.trim().split('\n').length, 1, out.stderr);
    assert.equal(existsSync(marker), false, 'no cell ran');
    assert.equal(readFileSync(file, 'utf8'), before);
  });
}

/** The kernel process a runner started, and the folder its launcher made (Linux /proc; tests run in parallel, so not "the newest folder"). */
function kernelOf(parentPid: number): { pid: number; dir: string } | undefined {
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parentPid) continue;
      const dir = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').find((e) => e.startsWith('TRIPLETLAB_KERNEL_DIR='));
      if (dir) return { pid: Number(entry), dir: dir.slice('TRIPLETLAB_KERNEL_DIR='.length) };
    } catch {
      // a process that ended meanwhile
    }
  }
  return undefined;
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to tripletlab run during a busy cell stops its kernel, removes the kernel's folder and leaves the notebook as it was`, async () => {
    const dir = tmp();
    const { file, marker } = notebook(dir, (nb) => (nb.cells[0].source += '; while (true) {}'));
    const before = readFileSync(file, 'utf8');
    const run = spawn(process.execPath, [...nodeArgs(CLI), 'run', file], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TRIPLETLAB_TYPECHECK: 'off' } });
    const exited = new Promise<number | null>((resolve) => run.once('exit', (c) => resolve(c)));
    let stderr = '';
    run.stderr!.on('data', (d) => (stderr += d));
    let kernel: ReturnType<typeof kernelOf>;
    try {
      for (let i = 0; i < 600 && !existsSync(marker); i++) await sleep(100);
      assert.ok(existsSync(marker), `the busy cell never started: ${stderr}`);
      kernel = kernelOf(run.pid!);
      assert.ok(kernel && existsSync(kernel.dir), 'the runner started a kernel with a connection folder');
      run.kill(signal);
      const code = await exited;
      assert.equal(code, signal === 'SIGINT' ? 130 : 143, stderr);
    } finally {
      // Whatever failed above, leave no runner or busy kernel behind (they would hold the test run open).
      if (run.exitCode === null && run.signalCode === null) {
        run.kill('SIGKILL');
        await exited;
      }
      if (kernel && alive(kernel.pid)) process.kill(kernel.pid, 'SIGKILL');
    }
    assert.match(stderr, new RegExp(`stopped by ${signal}`));
    assert.equal(existsSync(kernel.dir), false, 'the kernel folder is removed');
    assert.equal(alive(kernel.pid), false, 'the kernel process is gone');
    assert.equal(readFileSync(file, 'utf8'), before, 'the notebook is not rewritten');
  });
}
