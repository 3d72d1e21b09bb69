import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CellRuntime } from '../../../kernel/exec';
import { FakeSink, cell } from './fake-sink';

const rt = new CellRuntime({ cwd: process.cwd(), captureProcessStreams: false });
after(() => rt.dispose());

test('post_run_cell hooks run after each non-silent cell, awaited, with output in that cell', async () => {
  const infos: unknown[] = [];
  const off = rt.kernel.hooks.on('post_run_cell', async (info) => {
    await new Promise((r) => setTimeout(r, 5));
    console.log(`hook saw cell ${info.executionCount}`);
    infos.push([info.code, info.outcome.status]);
  });
  const sink = new FakeSink();
  const opts = cell(sink);
  await rt.execute('1', opts);
  assert.equal(sink.streamText('stdout'), `hook saw cell ${opts.executionCount}\n`);
  await rt.execute('2', cell(new FakeSink(), true));
  await rt.execute("throw new Error('x')", cell(new FakeSink()));
  assert.deepEqual(infos, [['1', 'ok'], ["throw new Error('x')", 'error']]);
  off();
  await rt.execute('3', cell(new FakeSink()));
  assert.equal(infos.length, 2);
});

test('a failing hook is reported on stderr and never fails the cell or the next hook', async () => {
  let ran = false;
  const a = rt.kernel.hooks.on('post_run_cell', () => {
    throw new Error('hook exploded');
  });
  const b = rt.kernel.hooks.on('post_run_cell', () => {
    ran = true;
  });
  const sink = new FakeSink();
  const r = await rt.execute('40 + 2', cell(sink));
  assert.deepEqual(r, { status: 'ok', result: { 'text/plain': '42' } });
  assert.match(sink.streamText('stderr'), /post_run_cell hook:\nError: hook exploded/);
  assert.equal(ran, true);
  a();
  b();
});

test('registering an unknown event names the fix', () => {
  assert.throws(() => rt.kernel.hooks.on('before_cell' as never, (() => {}) as never), /kernel\.hooks\.on: argument 'event' is 'before_cell'.*use one of 'pre_run_cell', 'post_run_cell', 'interrupt'/);
});

test('pre_run_cell hooks run before every cell, silent ones too, awaited before its code, with its output', async () => {
  const order: string[] = [];
  const off = rt.kernel.hooks.on('pre_run_cell', async (info) => {
    await new Promise((r) => setTimeout(r, 5));
    order.push(`hook ${info.code} silent=${info.silent}`);
    console.log('prepared');
  });
  (globalThis as { order?: string[] }).order = order;
  const sink = new FakeSink();
  await rt.execute("order.push('cell ran')", cell(sink));
  await rt.execute("order.push('silent ran')", cell(new FakeSink(), true));
  off();
  await rt.execute("order.push('after off')", cell(new FakeSink()));
  assert.deepEqual(order, ["hook order.push('cell ran') silent=false", 'cell ran', "hook order.push('silent ran') silent=true", 'silent ran', 'after off']);
  assert.equal(sink.streamText('stdout'), 'prepared\n');
});

test('an interrupt while a pre_run_cell hook waits ends the cell without running its code', async () => {
  let release!: () => void;
  const off = rt.kernel.hooks.on('pre_run_cell', () => new Promise<void>((r) => (release = r)));
  (globalThis as { ranAnyway?: boolean }).ranAnyway = false;
  const running = rt.execute('ranAnyway = true', cell(new FakeSink()));
  await new Promise((r) => setTimeout(r, 10));
  rt.interrupt();
  const outcome = await running;
  release();
  off();
  assert.equal(outcome.status, 'error');
  assert.equal((outcome as { ename: string }).ename, 'Interrupted');
  assert.equal((globalThis as { ranAnyway?: boolean }).ranAnyway, false);
});

test('interrupt hooks run on every interrupt, in order; one that throws is reported and the next still runs', () => {
  const seen: string[] = [];
  const a = rt.kernel.hooks.on('interrupt', () => {
    seen.push('a');
    throw new Error('stop failed');
  });
  const b = rt.kernel.hooks.on('interrupt', () => void seen.push('b'));
  rt.interrupt();
  a();
  rt.interrupt();
  b();
  rt.interrupt();
  assert.deepEqual(seen, ['a', 'b', 'b']);
});
