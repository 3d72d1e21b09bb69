import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchHeartbeat } from '../../../kernel/wire/heartbeat-watch';
import { describeExit } from '../../../kernel/wire/kernel-exit';
import { startKernel } from '../../../kernel/wire/launcher';
import { kernelArgv } from '../server/kernel-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the kernel counts as lost only after the given number of unanswered pings in a row', async () => {
  const answers = [true, false, false, true, false, false, false, true];
  let lostAfter = -1;
  let pings = 0;
  const stop = watchHeartbeat(
    async () => answers[pings++] ?? true,
    () => (lostAfter = pings),
    { everyMs: 5, misses: 3 },
  );
  await sleep(200);
  stop();
  assert.equal(lostAfter, 7, 'two misses, an answer, then three misses');
});

test('a stopped kernel process (SIGSTOP) is killed and reported within seconds, with the reason', async () => {
  const kernel = await startKernel({ argv: kernelArgv(), readyTimeoutMs: 60_000, heartbeat: { everyMs: 300, misses: 3 } });
  try {
    const started = Date.now();
    process.kill(kernel.process.pid!, 'SIGSTOP');
    const exit = await Promise.race([kernel.exited, sleep(30_000).then(() => undefined)]);
    assert.ok(exit, 'reported');
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(exit.silentMs !== undefined && exit.silentMs >= 900, `silent for ${exit.silentMs} ms`);
    assert.ok(Date.now() - started < 15_000);
    assert.match(describeExit(exit), /^no answer to its heartbeat for \d+ s, so it was killed$/);
  } finally {
    await kernel.stop();
  }
});

test('a kernel busy in a synchronous loop keeps answering its heartbeat and is not killed', async () => {
  const kernel = await startKernel({ argv: kernelArgv(), readyTimeoutMs: 60_000, heartbeat: { everyMs: 300, misses: 3 } });
  try {
    void kernel.client.execute('while (true) {}', { timeoutMs: 60_000 }).catch(() => undefined);
    const exit = await Promise.race([kernel.exited, sleep(3_000).then(() => 'alive')]);
    assert.equal(exit, 'alive');
  } finally {
    await kernel.stop();
  }
});
