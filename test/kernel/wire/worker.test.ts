import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { freePorts, ConnectionInfo } from '../../../kernel/wire/connection';
import { KernelClient } from '../../../kernel/wire/client';
import { scriptBeside } from '../../support/paths';

// The kernel server runs its channels in a worker thread so heartbeat and control answer while a
// cell blocks the main thread; nothing in kernel/wire may depend on being on the main thread.
test('KernelSockets bind and serve from a worker thread', async () => {
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = await freePorts(5);
  const info: ConnectionInfo = { transport: 'tcp', ip: '127.0.0.1', shell_port, iopub_port, stdin_port, control_port, hb_port, key: 'worker-key', signature_scheme: 'hmac-sha256' };
  const fixture = scriptBeside(join(__dirname, 'fixtures'), 'echo-kernel', __filename);
  const worker = new Worker(
    `require('sucrase/register/ts');
     const { parentPort, workerData } = require('node:worker_threads');
     require(workerData.fixture).startEchoKernel(workerData.info, { log: () => {} }).then(({ sockets }) => {
       parentPort.once('message', () => sockets.close().then(() => parentPort.postMessage('closed')));
       parentPort.postMessage('bound');
     }, (e) => parentPort.postMessage('failed: ' + e.message));`,
    { eval: true, workerData: { fixture, info } },
  );
  try {
    const first = await new Promise((resolve) => worker.once('message', resolve));
    assert.equal(first, 'bound');
    const client = await KernelClient.connect(info, { log: () => undefined });
    try {
      await client.waitForReady(10_000);
      const { outputs } = await client.execute('from a worker', { timeoutMs: 5_000 });
      assert.equal(outputs[0].content.text, 'from a worker');
    } finally {
      await client.close();
    }
  } finally {
    // Closing the sockets before the thread ends lets zeromq release them on the thread that owns them.
    const closed = new Promise((resolve) => worker.once('message', resolve));
    worker.postMessage('stop');
    assert.equal(await closed, 'closed');
    await worker.terminate();
  }
});
