import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CellRuntime } from '../../../kernel/exec';
import { FakeSink, cell } from './fake-sink';

const rt = new CellRuntime({ cwd: process.cwd(), captureProcessStreams: false });
after(() => rt.dispose());

async function run(code: string, sink = new FakeSink()) {
  return rt.execute(code, cell(sink));
}

function text(outcome: Awaited<ReturnType<typeof run>>): string | undefined {
  assert.equal(outcome.status, 'ok', JSON.stringify(outcome));
  return outcome.status === 'ok' ? (outcome.result?.['text/plain'] as string | undefined) : undefined;
}

test('const, let, class, function, interface, type and enum can be declared again in a later cell', async () => {
  const first = 'const a: number = 1; let b = 2; class C { v = 1 } function f() { return 1 } interface I { x: number } type T = string; enum E { X, Y }';
  assert.equal((await run(first)).status, 'ok');
  const second = 'const a: number = 10; let b = 20; class C { v = 2 } function f() { return 3 } interface I { y: string } type T = number; enum E { Z = 5 }';
  assert.equal((await run(second)).status, 'ok');
  assert.equal(text(await run('[a, b, new C().v, f(), E.Z]')), '[ 10, 20, 2, 3, 5 ]');
});

test('top-level await works and its value is the result', async () => {
  assert.equal(text(await run('const w = await new Promise<number>((r) => setTimeout(() => r(41), 5)); w + 1')), '42');
  assert.equal(text(await run('w')), '41');
});

test('the last expression becomes text/plain without ANSI codes, nested objects shown in depth', async () => {
  const out = text(await run("({ level1: { level2: { level3: { level4: ['deep'] } } }, n: 42, s: 'str' })"))!;
  assert.doesNotMatch(out, /\x1b\[/);
  assert.match(out, /level4: \[ 'deep' \]/);
  assert.match(out, /n: 42/);
});

test('undefined gives no result; NaN, -0, Infinity and bigint keep their identity', async () => {
  const none = await run('let nothing = undefined; nothing');
  assert.deepEqual(none, { status: 'ok' });
  assert.equal(text(await run('NaN')), 'NaN');
  assert.equal(text(await run('-0')), '-0');
  assert.equal(text(await run('-Infinity')), '-Infinity');
  assert.equal(text(await run('2n ** 70n')), '1180591620717411303424n');
  assert.equal(text(await run("Symbol('s')")), 'Symbol(s)');
});

test('a value with [Symbol.for("Jupyter.display")] gives its bundle merged with text/plain', async () => {
  const r = await run(`({ [Symbol.for('Jupyter.display')]() { return { 'text/html': '<b>rich</b>' }; } })`);
  assert.equal(r.status, 'ok');
  if (r.status !== 'ok') return;
  assert.equal(r.result?.['text/html'], '<b>rich</b>');
  assert.equal(typeof r.result?.['text/plain'], 'string');
});

test('a silent cell runs but returns no result', async () => {
  const r = await rt.execute('const silentValue = 7; silentValue', cell(new FakeSink(), true));
  assert.deepEqual(r, { status: 'ok' });
  assert.equal(text(await run('silentValue')), '7');
});

test('a cell cannot break the kernel by shadowing its globals', async () => {
  const sink = new FakeSink();
  assert.equal((await run('const display = 1; const console = { log() {} }; display', sink)).status, 'ok');
  assert.equal(rt.kernel.display('still works').displayId.length > 0, true);
  assert.equal(sink.of('display_data').length, 1);
});

test('user_expressions are evaluated into ok and error dicts', async () => {
  await run('const ux = { a: 1 }');
  const out = await rt.evaluateExpressions({ good: 'ux.a + 1', typed: '(ux.a as number) * 3', bad: 'ux.nope.deeper' }, new FakeSink());
  assert.deepEqual(out.good, { status: 'ok', data: { 'text/plain': '2' }, metadata: {} });
  assert.deepEqual(out.typed, { status: 'ok', data: { 'text/plain': '3' }, metadata: {} });
  const bad = out.bad as { status: string; ename: string; traceback: string[] };
  assert.equal(bad.status, 'error');
  assert.equal(bad.ename, 'TypeError');
  assert.ok(bad.traceback.length > 0);
});

test('tf is loaded on first use and a tensor result reads as shape, dtype and values', { timeout: 60_000 }, async () => {
  const out = text(await run('tf.tensor2d([[1, 2], [3, 4]])'))!;
  assert.match(out, /^Tensor<float32>\[2, 2\]/);
  assert.match(out, /\[\[1, 2\],\s*\[3, 4\]\]/);
});

test('kernel.typecheck accepts the three modes and names the fix for anything else', async () => {
  rt.kernel.typecheck = 'off';
  assert.equal(text(await run('kernel.typecheck')), "'off'");
  assert.throws(() => {
    rt.kernel.typecheck = 'strict' as never;
  }, /kernel\.typecheck.*'warn', 'error' or 'off'/);
});
