// Runs every test phase of `npm test`: unit/integration tests (node:test), the Jupyter clients'
// tests (jupyter_kernel_test, nbclient) and each benchmark's quick mode, so benchmarks never rot.
// Usage: node test/run-all.mjs [phase ...]   phases: unit, jupyter, bench
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const phases = { unit, jupyter, bench };
for (const p of wanted) if (!(p in phases)) { console.error(`test/run-all.mjs: unknown phase '${p}' (phases: ${Object.keys(phases).join(', ')})`); process.exit(2); }
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${[cmd, ...args].map((a) => relative(root, a) || a).join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(`${label} (exit ${r.status ?? r.signal})`);
}

function files(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

function unit() {
  const tests = files(join(root, 'out', 'test'), '.test.js');
  run('unit', process.execPath, ['--test', '--test-reporter=spec', ...tests]);
}

function jupyter() {
  const prefix = mkdtempSync(join(tmpdir(), 'tripletlab-jupyter-'));
  run('kernelspec', process.execPath, [join(root, 'out/kernel/cli/main.js'), 'install', '--prefix', prefix]);
  run('jupyter', '/usr/bin/python3', [join(root, 'test/jupyter/run_all.py')], { JUPYTER_PATH: join(prefix, 'share', 'jupyter') });
}

function bench() {
  for (const b of ['kernel-latency', 'mnist-triplet', 'render']) {
    run(`bench ${b} --quick`, process.execPath, [join(root, 'out/bench', b, 'main.js'), '--quick']);
  }
}

for (const p of wanted.length ? wanted : Object.keys(phases)) phases[p]();
if (failures.length) {
  console.error(`\nnpm test: FAILED: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nnpm test: all phases passed');
