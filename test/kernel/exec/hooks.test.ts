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
  assert.throws(() => rt.kernel.hooks.on('pre_run_cell' as never, () => {}), /kernel\.hooks\.on: argument 'event'.*use 'post_run_cell'/);
});
