import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeConnectionFile } from '../../../kernel/wire/connection';
import { nodeArgs, repoRoot } from '../../support/paths';

const CLI = __filename.endsWith('.ts') ? join(repoRoot(), 'kernel', 'cli', 'main.ts') : join(repoRoot(), 'out', 'kernel', 'cli', 'main.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'tripletlab-cli-'));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [...nodeArgs(CLI), ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Bad invocations: one line on stderr that names the problem, exit code 2. */
const usageErrors: { name: string; args: () => string[]; says: RegExp }[] = [
  { name: 'unknown command', args: () => ['frobnicate'], says: /unknown command 'frobnicate'/ },
  { name: 'unknown option', args: () => ['kernel', '--bogus'], says: /unknown option '--bogus'/ },
  { name: 'missing connection file option', args: () => ['kernel'], says: /missing --connection-file/ },
  { name: 'connection file that does not exist', args: () => ['kernel', '--connection-file', '/nonexistent/kernel-1.json'], says: /\/nonexistent\/kernel-1\.json/ },
  {
    name: 'connection file that is not JSON',
    args: () => {
      const f = join(tmp(), 'bad.json');
      writeFileSync(f, '{ not json');
      return ['kernel', '--connection-file', f];
    },
    says: /bad\.json/,
  },
  {
    name: 'connection file without a port',
    args: () => {
      const f = join(tmp(), 'noport.json');
      writeFileSync(f, JSON.stringify({ transport: 'tcp', ip: '127.0.0.1', key: 'k', signature_scheme: 'hmac-sha256', shell_port: 1 }));
      return ['kernel', '--connection-file', f];
    },
    says: /iopub_port|_port/,
  },
  { name: 'bad typecheck mode', args: () => ['kernel', '--connection-file', 'x.json', '--typecheck', 'loud'], says: /--typecheck must be one of warn, error, off/ },
  { name: 'run without a notebook', args: () => ['run'], says: /expected one notebook path/ },
  { name: 'run on a missing notebook', args: () => ['run', '/nonexistent/nb.ipynb'], says: /nb\.ipynb.*cannot read/ },
  {
    name: 'run on a file that is not a notebook',
    args: () => {
      const f = join(tmp(), 'notes.ipynb');
      writeFileSync(f, 'just text');
      return ['run', f];
    },
    says: /notes\.ipynb: is not valid JSON/,
  },
  { name: 'run with a bad timeout', args: () => ['run', 'x.ipynb', '--timeout', 'soon'], says: /--timeout must be a positive number/ },
  { name: 'install with two targets', args: () => ['install', '--user', '--prefix', '/tmp/x'], says: /choose one of --user, --sys-prefix, --prefix/ },
];

for (const u of usageErrors) {
  test(`usage error: ${u.name}`, () => {
    const r = cli(u.args());
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, u.says);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line, got:\n${r.stderr}`);
  });
}

test('a port already in use: one line naming the channel and port, exit 2', async () => {
  const dir = tmp();
  const { file, info } = await writeConnectionFile(dir);
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(info.hb_port, '127.0.0.1', r));
  try {
    const r = await new Promise<ReturnType<typeof cli>>((resolve) => setImmediate(() => resolve(cli(['kernel', '--connection-file', file]))));
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`hb.*${info.hb_port}|${info.hb_port}.*hb`));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  } finally {
    blocker.close();
  }
});

test('install --prefix writes kernel.json with absolute paths and both logos', () => {
  const prefix = tmp();
  const r = cli(['install', '--prefix', prefix]);
  assert.equal(r.code, 0, r.stderr);
  const dir = join(prefix, 'share', 'jupyter', 'kernels', 'tripletlab');
  const spec = JSON.parse(readFileSync(join(dir, 'kernel.json'), 'utf8'));
  assert.equal(spec.display_name, 'TypeScript (tripletlab)');
  assert.equal(spec.language, 'typescript');
  assert.equal(spec.interrupt_mode, 'message');
  assert.ok(spec.argv[0].startsWith('/') && spec.argv[1].startsWith('/'), spec.argv.join(' '));
  assert.deepEqual(spec.argv.slice(2), ['kernel', '--connection-file', '{connection_file}']);
  assert.ok(existsSync(join(dir, 'logo-32x32.png')) && existsSync(join(dir, 'logo-64x64.png')));
});

test('run: a syntax error names its line and column; with --allow-errors the other cells still run', () => {
  const dir = tmp();
  const nb = {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: {},
    cells: [
      { cell_type: 'code', source: 'const first = 1;\nfirst', metadata: {}, outputs: [], execution_count: null },
      { cell_type: 'code', source: 'const ok = 2;\nconst broken = (;', metadata: {}, outputs: [], execution_count: null },
      { cell_type: 'markdown', source: 'text', metadata: {} },
      { cell_type: 'code', source: 'first + 2', metadata: {}, outputs: [], execution_count: null },
    ],
  };
  const input = join(dir, 'in.ipynb');
  const output = join(dir, 'out.ipynb');
  writeFileSync(input, JSON.stringify(nb));
  const r = cli(['run', input, '-o', output, '--allow-errors'], { TRIPLETLAB_TYPECHECK: 'off' });
  assert.equal(r.code, 1, 'a failed cell makes the exit code non-zero');
  assert.match(r.stderr, /\[2\/3\] ✗/);
  const out = JSON.parse(readFileSync(output, 'utf8'));
  assert.equal(out.nbformat_minor, 5);
  assert.ok(out.cells.every((c: { id?: string }) => typeof c.id === 'string'));
  const [c1, c2, , c3] = out.cells;
  assert.equal(c1.outputs[0].data['text/plain'].join(''), '1');
  assert.equal(c2.outputs[0].output_type, 'error');
  assert.equal(c2.outputs[0].ename, 'SyntaxError');
  assert.match(`${c2.outputs[0].evalue} ${c2.outputs[0].traceback.join(' ')}`, /2:\d+|line 2/);
  assert.equal(c3.outputs[0].data['text/plain'].join(''), '3');

  const stop = cli(['run', input, '-o', output], { TRIPLETLAB_TYPECHECK: 'off' });
  assert.equal(stop.code, 1);
  const stopped = JSON.parse(readFileSync(output, 'utf8'));
  assert.deepEqual(stopped.cells[3].outputs, [], 'without --allow-errors the run stops at the failing cell');
});

test('run: a kernel that dies mid-notebook is noticed at once; earlier outputs are kept and the notebook is written', () => {
  const dir = tmp();
  const cell = (source: string) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null });
  const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell("console.log('before')"), cell('process.exit(1)'), cell("console.log('after')")] };
  const input = join(dir, 'in.ipynb');
  writeFileSync(input, JSON.stringify(nb));
  const started = Date.now();
  const r = cli(['run', input, '--timeout', '100'], { TRIPLETLAB_TYPECHECK: 'off' });
  assert.equal(r.code, 1);
  assert.ok(Date.now() - started < 60_000, 'not left to the 100 s cell timeout');
  assert.match(r.stderr, /\[2\/3\] ✗[^]*KernelDiedError: the kernel exited \([^)]+\) while running cell 2/);
  const out = JSON.parse(readFileSync(input, 'utf8'));
  assert.equal(out.cells[0].outputs[0].text.join(''), 'before\n');
  assert.equal(out.cells[1].outputs.at(-1).ename, 'KernelDiedError');
  assert.deepEqual(out.cells[2].outputs, []);
});
