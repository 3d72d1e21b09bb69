import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import type { Message } from '../../../kernel/wire/messages';
import { startTestKernel } from './kernel-process';

/**
 * Busy loops that the interrupt signal cannot reach (they run after an `await`, as promise
 * continuations), against the real kernel over ZeroMQ: stopped through the inspector, or, where
 * stopping would corrupt Node, reported in the cell with the way out.
 */
const env = { TRIPLETLAB_TYPECHECK: 'off' };
// A cell the interrupt fails to stop must fail its test, never hang the run.
const limit = { timeout: 120_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let kernel: RunningKernel;
before(async () => {
  kernel = await startTestKernel({ env });
});
after(async () => kernel?.stop());

async function run(code: string, k = kernel, onIOPub?: (m: Message) => void) {
  const r = await k.client.execute(code, { timeoutMs: 60_000, onIOPub });
  const result = r.outputs.find((m) => m.header.msg_type === 'execute_result');
  return { reply: r.reply.content as Record<string, any>, result: (result?.content as { data?: Record<string, string> } | undefined)?.data?.['text/plain'] };
}

async function interruptDuring(code: string) {
  const pending = run(code);
  await sleep(500);
  const reply = await kernel.client.interrupt(20_000);
  return { interruptReply: reply.content as Record<string, any>, cell: await pending };
}

for (const [what, code] of [
  ['await null; while (true) {}', 'loopsBefore = 1; await null; while (true) {}'],
  ['a loop after awaiting a timer', 'await new Promise((r) => setTimeout(r, 50)); while (true) {}'],
  ['a loop after awaiting nextTick, inside a callback of the cell', 'await new Promise((r) => process.nextTick(r)); [1].forEach(() => { while (true) {} })'],
  ['a loop calling library code after an await', "await null; const { format } = require('node:util'); while (true) format('%s', 'x')"],
] as const) {
  test(`interrupt stops ${what}; the kernel runs the next cell and keeps earlier variables`, limit, async () => {
    await run('var loopsBefore = 0; const keptVariable = "kept";');
    const { interruptReply, cell } = await interruptDuring(code);
    assert.equal(interruptReply.status, 'ok', JSON.stringify(interruptReply));
    assert.equal(cell.reply.status, 'error');
    assert.equal(cell.reply.ename, 'Interrupted');
    const kept = await run('keptVariable');
    assert.equal(kept.result, "'kept'", JSON.stringify(kept.reply));
    assert.equal((await run('await null; 6 * 7')).result, '42', 'await still works after the stop');
  });
}

test('a busy loop in a timer callback, which a forced stop would corrupt, is reported in the cell with Restart as the way out', limit, async () => {
  const own = await startTestKernel({ env });
  try {
    const stderr: string[] = [];
    let cellId = '';
    const pending = own.client.execute('setTimeout(() => { while (true) {} }, 0); await new Promise(() => {})', {
      timeoutMs: 60_000,
      onIOPub: (m) => {
        cellId = (m.parent_header as { msg_id: string }).msg_id;
        if (m.header.msg_type === 'stream') stderr.push((m.content as { text: string }).text);
      },
    });
    pending.catch(() => undefined);
    await sleep(500);
    const reply = (await own.client.interrupt(20_000)).content as Record<string, any>;
    assert.equal(reply.status, 'error');
    assert.equal(reply.ename, 'InterruptFailed');
    await sleep(200);
    assert.ok(cellId, 'the notice is a child of the running cell');
    assert.match(stderr.join(''), /the interrupt cannot stop this cell: it is running inside a callback .*Restart the kernel/);
    assert.ok(await own.client.heartbeat(2_000), 'the kernel process is alive (it was not aborted)');
  } finally {
    await own.stop();
  }
});
