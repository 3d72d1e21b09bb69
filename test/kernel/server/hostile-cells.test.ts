import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import type { Message } from '../../../kernel/wire/messages';
import { startTestKernel, texts } from './kernel-process';

/**
 * Hostile cells against the real kernel over ZeroMQ, as a Jupyter client sees them. Each test
 * name says what the user sees; every surviving case ends with the kernel still answering.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const env = { TRIPLETLAB_TYPECHECK: 'off' };

let kernel: RunningKernel;
before(async () => {
  kernel = await startTestKernel({ env });
});
after(async () => kernel?.stop());

async function run(code: string, k = kernel) {
  const r = await k.client.execute(code, { timeoutMs: 120_000 });
  const of = (name: string) => r.outputs.filter((m) => m.header.msg_type === 'stream' && (m.content as { name: string }).name === name).map((m) => (m.content as { text: string }).text).join('');
  const result = r.outputs.find((m) => m.header.msg_type === 'execute_result');
  return { reply: r.reply.content as Record<string, any>, outputs: r.outputs as Message[], stdout: of('stdout'), stderr: of('stderr'), result: (result?.content as { data?: Record<string, string> } | undefined)?.data?.['text/plain'] };
}

async function stillAnswers(): Promise<void> {
  assert.equal((await run('6 * 7')).result, '42', 'the kernel still runs cells');
}

test('exit: process.exit(1) ends the kernel with exit code 1, and what the cell printed before arrives', async () => {
  const own = await startTestKernel({ env });
  try {
    const printed: string[] = [];
    void own.client.execute('console.log("saved"); process.exit(1)', { timeoutMs: 60_000, onIOPub: (m) => m.header.msg_type === 'stream' && printed.push((m.content as { text: string }).text) }).catch(() => undefined);
    assert.deepEqual(await own.exited, { code: 1, signal: null });
    await sleep(100);
    assert.equal(printed.join(''), 'saved\n');
  } finally {
    await own.stop();
  }
});

test('abort: process.abort() kills the kernel with SIGABRT; the client sees the exit at once, not a time-out', async () => {
  const own = await startTestKernel({ env });
  try {
    void own.client.execute('process.abort()', { timeoutMs: 60_000 }).catch(() => undefined);
    const exit = await Promise.race([own.exited, sleep(20_000).then(() => 'still running')]);
    assert.deepEqual(exit, { code: null, signal: 'SIGABRT' });
  } finally {
    await own.stop();
  }
});

test('recursion: unbounded recursion is a RangeError in the cell, and the kernel lives on', async () => {
  const r = await run('function down(n: number): number { return down(n + 1) + 1; }\ndown(0)');
  assert.equal(r.reply.status, 'error');
  assert.equal(r.reply.ename, 'RangeError');
  assert.match(r.reply.evalue, /Maximum call stack size exceeded/);
  await stillAnswers();
});

test('output flood: 20 MB of prints show the first 3 MB, a rate-limit notice and how much was dropped', async () => {
  const r = await run("for (let i = 0; i < 200; i++) console.log('z'.repeat(100_000)); 'flooded'");
  assert.equal(r.result, "'flooded'");
  assert.ok(r.stdout.length <= 3_000_000, `${r.stdout.length} characters of stdout`);
  assert.match(r.stderr, /output is arriving faster than 1 MB\/s/);
  assert.match(r.stderr, /1[67]\.[0-9] MB of output were dropped/);
  await stillAnswers();
});

test('big result: a 50 MB display is not sent; the cell shows a notice with its size', async () => {
  const r = await run("display.html('<b>' + 'w'.repeat(50_000_000) + '</b>'); 'after the display'");
  assert.equal(r.result, "'after the display'");
  assert.equal(r.outputs.filter((m) => m.header.msg_type === 'display_data').length, 0);
  assert.match(r.stderr, /display_data of 50\.0 MB is over the 20 MB limit for one output/);
  const custom = await run("({ [Symbol.for('Jupyter.display')]: () => ({ 'text/html': 'v'.repeat(30_000_000) }) })");
  assert.equal(custom.result, undefined, 'an oversized execute_result is refused too');
  assert.match(custom.stderr, /execute_result of 30\.0 MB is over the 20 MB limit/);
  await stillAnswers();
});

test('timers: a setInterval printing forever is stopped by an interrupt while idle, with a notice; the next cell is clean', async () => {
  await run("setInterval(() => console.log('tick'), 10); 'started'");
  await sleep(100);
  const notices: string[] = [];
  const off = kernel.client.onIOPub((m) => m.header.msg_type === 'stream' && notices.push((m.content as { text: string }).text));
  await kernel.client.interrupt(10_000);
  await sleep(300);
  off();
  assert.match(notices.join(''), /the interrupt also stopped an interval timer \(setInterval\)/);
  await sleep(100);
  const next = await run('"quiet"');
  assert.equal(next.stdout, '', 'no tick lands in the next cell');
});

test('tensor leak: a loop that never disposes its tensors ends with a notice: how many, how much, and tf.tidy', async () => {
  const r = await run('for (let i = 0; i < 2000; i++) tf.ones([100]);');
  assert.match(r.stderr, /this cell left 2,000 new tensors \(800\.0 KB\) in memory\. Wrap temporary work in tf\.tidy/);
  await stillAnswers();
});

test('interrupt during load: an interrupt while TensorFlow.js first loads stops the cell, and tf works in the next one', async () => {
  const own = await startTestKernel({ env });
  try {
    await run('1', own);
    const first = run('tf.ones([2]).dataSync().length', own);
    await sleep(200);
    await own.client.interrupt(10_000);
    const r = await first;
    assert.ok(r.reply.status === 'ok' || r.reply.ename === 'Interrupted', texts(r.outputs));
    assert.equal((await run('tf.ones([3]).dataSync().length', own)).result, '3');
  } finally {
    await own.stop();
  }
});
