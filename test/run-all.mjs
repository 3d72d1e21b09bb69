// Runs every test phase of `npm test`: unit/integration tests (node:test), the Jupyter clients'
// tests (jupyter_kernel_test, nbclient) and each benchmark's quick mode, so benchmarks never rot.
// Usage: node test/run-all.mjs [phase ...]   phases: lint, unit, jupyter, bench, e2e (all when none given)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const phases = { lint, unit, jupyter, bench, e2e };
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

function lint() {
  // The runtime boundaries (eslint.config.mjs) and no import cycles: `npm run lint`.
  run('lint', 'npm', ['run', 'lint', '--silent']);
}

function unit() {
  // The VS Code end-to-end test needs the packaged .vsix and code-server: it is the e2e phase.
  const tests = files(join(root, 'out', 'test'), '.test.js').filter((f) => !relative(join(root, 'out', 'test'), f).startsWith(`e2e${sep}`));
  run('unit', process.execPath, ['--test', '--test-reporter=spec', ...tests]);
}

function jupyter() {
  const prefix = mkdtempSync(join(tmpdir(), 'tripletlab-jupyter-'));
  run('kernelspec', process.execPath, [join(root, 'out/kernel/cli/main.js'), 'install', '--prefix', prefix]);
  run('jupyter', '/usr/bin/python3', [join(root, 'test/jupyter/run_all.py')], { JUPYTER_PATH: join(prefix, 'share', 'jupyter') });
}

function bench() {
  for (const b of ['kernel-latency', 'mnist-triplet', 'render', 'train-step', 'watch', 'projection', 'identities']) {
    run(`bench ${b} --quick`, process.execPath, [join(root, 'out/bench', b, 'main.js'), '--quick']);
  }
}

function e2e() {
  // Real VS Code (code-server from the npm registry) driving the packaged extension; TRIPLETLAB_E2E=0 skips it.
  if (process.env.TRIPLETLAB_E2E !== '0') {
    run('e2e install code-server', 'bash', [join(root, 'test/e2e/install-code-server.sh')]);
    run('e2e package', 'npm', ['run', 'package']);
  }
  const e2eTest = ['--test', '--test-reporter=spec', join(root, 'out/test/e2e/vscode.test.js')];
  run('e2e', process.execPath, e2eTest);
  // A whole VS Code in a browser on a shared 2-core machine has UI timing of its own (webviews
  // created late, frames replaced): the scenarios that failed, reported above with their
  // screenshots, frame texts and logs, get one more attempt (all of them if VS Code itself did
  // not start); a second failure fails the phase.
  if (failures.at(-1)?.startsWith('e2e (')) {
    failures.pop();
    const list = join(root, 'test-artifacts', 'e2e', 'failed-scenarios.txt');
    const failed = existsSync(list) ? readFileSync(list, 'utf8').split('\n').filter(Boolean) : [];
    console.log(`\ne2e: the first attempt failed (details above); running ${failed.length ? `the failed scenarios (${failed.join(', ')})` : 'it'} once more`);
    run('e2e, second attempt', process.execPath, e2eTest, failed.length ? { TRIPLETLAB_E2E_ONLY: failed.join(',') } : {});
  }
}

for (const p of wanted.length ? wanted : Object.keys(phases)) phases[p]();
if (failures.length) {
  console.error(`\nnpm test: FAILED: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nnpm test: all phases passed');
