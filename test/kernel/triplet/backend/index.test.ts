import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { backend, backendNotice, BackendSelectionError, loadTf, parseBackendRequest, ready } from '../../../../kernel/triplet/backend';

const ROOT = path.resolve(__dirname, '../../../..');

/** Runs a snippet in a fresh Node process (the backend choice is per process) with TRIPLETLAB_BACKEND set. */
function runWith(envValue: string | undefined, body: string): { stdout: string; stderr: string; status: number | null } {
  const env = { ...process.env };
  delete env.TRIPLETLAB_BACKEND;
  if (envValue !== undefined) env.TRIPLETLAB_BACKEND = envValue;
  const code = `const b = require(${JSON.stringify(path.join(ROOT, 'kernel/triplet/backend'))});\n${body}`;
  const r = spawnSync(process.execPath, ['-r', 'sucrase/register/ts', '-e', code], { cwd: ROOT, env, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test('parseBackendRequest accepts the three backends and auto, case-insensitively', () => {
  assert.equal(parseBackendRequest(undefined), 'auto');
  assert.equal(parseBackendRequest(''), 'auto');
  assert.equal(parseBackendRequest('CPU'), 'cpu');
  assert.equal(parseBackendRequest(' wasm '), 'wasm');
  assert.equal(parseBackendRequest('tensorflow'), 'tensorflow');
});

test('parseBackendRequest names the variable and the valid values for an unknown backend', () => {
  assert.throws(() => parseBackendRequest('webgpu'), (e: unknown) => {
    assert.ok(e instanceof BackendSelectionError);
    const err = e as BackendSelectionError;
    assert.match(err.message, /TRIPLETLAB_BACKEND="webgpu"/);
    assert.match(err.message, /tensorflow, wasm, cpu, auto/);
    return true;
  });
});

test('backendNotice says tfjs-node is missing and how to get native speed', () => {
  const line = backendNotice({ name: 'wasm', reason: 'x', simd: true, threads: 1, ready: true }, false);
  assert.equal(
    line,
    'tripletlab: @tensorflow/tfjs-node is not installed, using the wasm backend (SIMD, 1 thread). For native speed: npm install @tensorflow/tfjs-node',
  );
  assert.ok(!line.includes('\n'));
});

test('loadTf is usable at once (cpu) and ready() switches to wasm, printing one notice', async () => {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    const tf = loadTf();
    assert.equal(loadTf(), tf, 'loadTf returns the same module every time');
    const before = tf.tensor1d([1, 2, 3]);
    assert.deepEqual(Array.from(before.add(1).dataSync()), [2, 3, 4]);
    const info = await ready();
    assert.equal(info.name, 'wasm');
    assert.equal(info.ready, true);
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(typeof info.simd, 'boolean');
    assert.ok((info.threads ?? 0) >= 1);
    assert.deepEqual(Array.from(before.mul(2).dataSync()), [2, 4, 6], 'a tensor made on cpu is usable on wasm');
    await ready();
    backend();
    assert.equal(lines.filter((l) => l.startsWith('tripletlab:')).length, 1);
    assert.deepEqual(backend(), info);
    before.dispose();
  } finally {
    console.error = original;
  }
});

test('TRIPLETLAB_BACKEND=cpu forces cpu', () => {
  const r = runWith('cpu', `b.loadTf(); b.ready().then(i => console.log(JSON.stringify(i), b.loadTf().getBackend()));`);
  assert.equal(r.status, 0, r.stderr);
  const [json, active] = r.stdout.trim().split(' ');
  assert.equal(JSON.parse(json).name, 'cpu');
  assert.equal(active, 'cpu');
  assert.equal(r.stderr.trim().split('\n').length, 1, 'exactly one notice line');
  assert.match(r.stderr, /TRIPLETLAB_BACKEND=cpu/);
});

test('TRIPLETLAB_BACKEND=wasm forces wasm', () => {
  const r = runWith('wasm', `b.ready().then(i => console.log(i.name, b.loadTf().getBackend()));`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'wasm wasm');
});

test('an unknown TRIPLETLAB_BACKEND fails loadTf and rejects ready() with the valid values', () => {
  const r = runWith('gpu', `try { b.loadTf(); } catch (e) { console.log(e.name + ': ' + e.message); }
b.ready().catch(e => console.log('rejected ' + e.name));`);
  assert.match(r.stdout, /BackendSelectionError: TRIPLETLAB_BACKEND="gpu" is not a known backend/);
  assert.match(r.stdout, /rejected BackendSelectionError/);
});

test('TRIPLETLAB_BACKEND=tensorflow without tfjs-node says how to install it', () => {
  let installed = true;
  try {
    require.resolve('@tensorflow/tfjs-node');
  } catch {
    installed = false;
  }
  const r = runWith('tensorflow', `try { b.loadTf(); console.log('loaded', b.backend().name); } catch (e) { console.log(e.message); }`);
  if (installed) assert.match(r.stdout, /loaded tensorflow/);
  else assert.match(r.stdout, /TRIPLETLAB_BACKEND=tensorflow but @tensorflow\/tfjs-node cannot be loaded.*npm install @tensorflow\/tfjs-node/);
});
