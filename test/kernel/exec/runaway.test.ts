import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CellRuntime } from '../../../kernel/exec';
import { TensorLeakWatch } from '../../../kernel/exec/tensor-memory';
import { FakeSink, cell } from './fake-sink';

// Cells that run away: timers that print forever, output floods, tensors never disposed.
const rt = new CellRuntime({ cwd: process.cwd(), captureProcessStreams: false });
after(() => rt.dispose());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('an interrupt while no cell runs stops intervals started by cells and says how many', async () => {
  const first = new FakeSink();
  await rt.execute("(globalThis as any).ticks = 0; setInterval(() => { (globalThis as any).ticks++; console.log('tick'); }, 5); setInterval(() => undefined, 1000); 'started'", cell(first));
  await sleep(50);
  assert.ok((globalThis as any).ticks > 0);
  rt.interrupt();
  assert.match(first.streamText('stderr'), /stopped 2 interval timers \(setInterval\) started by cells/);
  const ticks = (globalThis as any).ticks;
  await sleep(50);
  assert.equal((globalThis as any).ticks, ticks, 'no tick after the interrupt');
  const next = new FakeSink();
  await rt.execute('1', cell(next));
  assert.equal(next.streamText('stdout'), '', 'nothing printed into the next cell');
});

test('an interval cleared by its cell is not counted', async () => {
  const sink = new FakeSink();
  await rt.execute('const handle = setInterval(() => undefined, 1000); clearInterval(handle)', cell(sink));
  rt.interrupt();
  assert.doesNotMatch(sink.streamText('stderr'), /interval/);
});

test('a flood of output is cut at the rate limit with one notice saying how much was dropped', async () => {
  const sink = new FakeSink();
  const r = await rt.execute("for (let i = 0; i < 50; i++) console.log('x'.repeat(200_000)); 'done'", cell(sink));
  assert.equal(r.status, 'ok');
  const out = sink.streamText('stdout');
  assert.ok(out.length <= 3_000_000 && out.length >= 2_000_000, `about 3 MB in the 3 s window, got ${out.length}`);
  const err = sink.streamText('stderr');
  assert.match(err, /output is arriving faster than 1 MB\/s/);
  assert.match(err, /TRIPLETLAB_OUTPUT_RATE_LIMIT/);
  assert.equal(err.match(/faster than/g)!.length, 1, 'one notice, not one per message');
  assert.match(err, /7\.[0-9] MB of output were dropped/, 'the cell ends with how much was dropped');
  const next = new FakeSink();
  await rt.execute('console.log("after")', cell(next));
  assert.equal(next.streamText('stdout'), 'after\n', 'the next cell starts with the full budget');
});

test('one 50 MB display is refused with a notice naming its size instead of being sent', async () => {
  const sink = new FakeSink();
  const r = await rt.execute("display.html('<p>' + 'y'.repeat(50_000_000) + '</p>'); 'shown'", cell(sink));
  assert.equal(r.status, 'ok');
  assert.equal(sink.of('display_data').length, 0);
  assert.match(sink.streamText('stderr'), /display_data of 50\.0 MB is over the 20 MB limit for one output/);
});

test('a cell that leaves many tensors behind gets a notice with the count, the memory and tf.tidy as the fix', async () => {
  const sink = new FakeSink();
  await rt.execute('for (let i = 0; i < 1500; i++) tf.ones([10])', cell(sink));
  assert.match(sink.streamText('stderr'), /this cell left 1,500 new tensors \(60\.0 KB\)[^]*tf\.tidy/);
  const tidy = new FakeSink();
  await rt.execute('tf.tidy(() => { for (let i = 0; i < 1500; i++) tf.ones([10]); })', cell(tidy));
  assert.doesNotMatch(tidy.streamText('stderr'), /tensors/);
});

test('many cells that each keep one big tensor get a notice when all tensors first pass 1 GB, then 2 GB', () => {
  const watch = new TensorLeakWatch();
  const notices: string[] = [];
  // 1,000 cells of tf.ones([1000, 1000]): 4 MB each.
  for (let cell = 0; cell < 1000; cell++) {
    const n = watch.check({ numTensors: cell, numBytes: cell * 4e6 }, { numTensors: cell + 1, numBytes: (cell + 1) * 4e6 });
    if (n) notices.push(`${cell + 1}: ${n}`);
  }
  assert.equal(notices.length, 3, notices.join(''));
  assert.match(notices[0], /^250: tripletlab: tensors now hold 1\.0 GB in all \(250 tensors\)\. Wrap temporary work in tf\.tidy/);
  assert.match(notices[1], /^500: .*2\.0 GB/);
  assert.match(notices[2], /^1000: .*4\.0 GB/);
});
