import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import { startTestKernel } from './kernel-process';

// "stop_on_error" as ipykernel does it: after a failing cell, exactly the requests sent before
// its error reply are aborted, and every reply comes back in the order the requests were sent.
let kernel: RunningKernel;
before(async () => {
  kernel = await startTestKernel({ env: { TRIPLETLAB_TYPECHECK: 'off' } });
});
after(async () => kernel?.stop());

async function queue(first: string, count: number, failing: number) {
  const finished: number[] = [];
  const requests = Array.from({ length: count }, (_, i) => {
    const code = i === 0 ? first : i === failing ? 'throw new Error("cell 25 fails")' : '(globalThis as any).ran = ((globalThis as any).ran ?? 0) + 1';
    return kernel.client.execute(code, { timeoutMs: 60_000 }).then((r) => {
      finished.push(i);
      return (r.reply.content as { status: string }).status;
    });
  });
  const statuses = await Promise.all(requests);
  const ran = (await kernel.client.execute('const ranNow = (globalThis as any).ran; (globalThis as any).ran = 0; ranNow', { timeoutMs: 60_000 })).outputs;
  return { statuses, finished, ran: (ran.find((m) => m.header.msg_type === 'execute_result')?.content as { data: Record<string, string> }).data['text/plain'] };
}

for (const [name, first] of [
  ['fast cells', '(globalThis as any).ran = 1'],
  ['a slow first cell', 'await new Promise((r) => setTimeout(r, 300)); (globalThis as any).ran = 1'],
] as const) {
  test(`50 queued requests, the 25th fails (${name}): 1–24 run, 25 is the error, 26–50 are aborted, replies in order`, async () => {
    const { statuses, finished, ran } = await queue(first, 50, 24);
    assert.deepEqual(statuses, [...Array(24).fill('ok'), 'error', ...Array(25).fill('aborted')]);
    assert.deepEqual(finished, [...Array(50).keys()], 'replies arrive in request order');
    assert.equal(ran, '24', 'no cell after the failing one ran');
  });
}

test('a request sent after the error reply runs', async () => {
  assert.equal((await kernel.client.execute('throw new Error("x")', { timeoutMs: 60_000 })).reply.content.status, 'error');
  assert.equal((await kernel.client.execute('1 + 1', { timeoutMs: 60_000 })).reply.content.status, 'ok');
});

test('a request sent the moment the failed cell\'s error is seen runs, every time', async () => {
  const statuses: string[] = [];
  for (let i = 0; i < 30; i++) {
    let next: Promise<string> | undefined;
    await kernel.client.execute('throw new Error("x")', {
      timeoutMs: 60_000,
      // The error goes out with the reply, after the kernel has taken in what came before it.
      onIOPub: (m) => {
        if (m.header.msg_type === 'error') next = kernel.client.execute('1 + 1', { timeoutMs: 60_000 }).then((r) => (r.reply.content as { status: string }).status);
      },
    });
    statuses.push(await next!);
  }
  assert.deepEqual(statuses, Array(30).fill('ok'));
});
