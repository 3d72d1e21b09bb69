import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { CellRuntime } from '../../../kernel/exec';
import { FakeSink, cell } from './fake-sink';

const rt = new CellRuntime({ cwd: process.cwd(), captureProcessStreams: false });
after(() => rt.dispose());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/**
 * A stand-in for the socket thread doing what `rt.interruptProtocol` says, `delayMs` after start:
 * SIGINT to the process, then a message asking the main thread to call interrupt().
 */
function interruptFromWorker(delayMs: number): Worker {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    setTimeout(() => {
      process.kill(process.pid, 'SIGINT');
      parentPort.postMessage('interrupt');
    }, workerData.delayMs);
    `,
    { eval: true, workerData: { delayMs } },
  );
  worker.on('message', (m) => {
    if (m === 'interrupt') rt.interrupt();
  });
  return worker;
}

function assertInterrupted(r: Awaited<ReturnType<CellRuntime['execute']>>) {
  assert.equal(r.status, 'error', JSON.stringify(r));
  if (r.status === 'error') {
    assert.equal(r.ename, 'Interrupted');
    assert.equal(r.traceback[0].startsWith('Interrupted'), true);
  }
}

test('while (true) {} is stopped from another thread and earlier variables survive', { timeout: 30_000 }, async () => {
  await rt.execute('const before = 41;', cell(new FakeSink()));
  const worker = interruptFromWorker(200);
  const r = await rt.execute('let during = 1;\nwhile (true) {}', cell(new FakeSink()));
  assertInterrupted(r);
  await worker.terminate();
  // The worker's 'interrupt' message arrives after the cell ended; give it time to be ignored.
  await sleep(150);
  assert.deepEqual(await rt.execute('before + during', cell(new FakeSink())), { status: 'ok', result: { 'text/plain': '42' } });
});

test('a cell waiting on a promise that never settles is settled as interrupted at once', { timeout: 30_000 }, async () => {
  const pending = rt.execute('const waited = 1; await new Promise(() => {})', cell(new FakeSink()));
  await sleep(50);
  rt.interrupt();
  assertInterrupted(await pending);
  await sleep(150);
  assert.deepEqual(await rt.execute('waited', cell(new FakeSink())), { status: 'ok', result: { 'text/plain': '1' } });
});

test('a SIGINT while no cell runs leaves the kernel running', async () => {
  process.kill(process.pid, 'SIGINT');
  await sleep(50);
  assert.deepEqual(await rt.execute('"alive"', cell(new FakeSink())), { status: 'ok', result: { 'text/plain': "'alive'" } });
});

test('the protocol tells the socket worker what to do', () => {
  assert.match(rt.interruptProtocol, /process\.kill\(process\.pid, 'SIGINT'\)/);
  assert.match(rt.interruptProtocol, /runtime\.interrupt\(\)/);
});
