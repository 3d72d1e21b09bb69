import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as zmq from 'zeromq';
import { ConnectionInfo, endpoint, freePorts } from '../../../kernel/wire/connection';
import { KernelClient } from '../../../kernel/wire/client';
import { KernelSockets } from '../../../kernel/wire/server-sockets';
import { encodeMessage, DELIMITER } from '../../../kernel/wire/framing';
import { makeMessage } from '../../../kernel/wire/build';
import { Signer } from '../../../kernel/wire/signing';
import { PortInUseError, RequestTimeoutError } from '../../../kernel/wire/errors';
import { Message } from '../../../kernel/wire/messages';
import { startEchoKernel } from './fixtures/echo-kernel';

async function newInfo(key = 'sockets-test-key'): Promise<ConnectionInfo> {
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = await freePorts(5);
  return { transport: 'tcp', ip: '127.0.0.1', shell_port, iopub_port, stdin_port, control_port, hb_port, key, signature_scheme: 'hmac-sha256' };
}

function collectingLog() {
  const lines: string[] = [];
  return { lines, log: (level: string, message: string) => void lines.push(`${level}: ${message}`) };
}

async function withKernel(fn: (ctx: { info: ConnectionInfo; client: KernelClient; seen: Message[]; serverLog: string[]; sockets: KernelSockets }) => Promise<void>, key?: string) {
  const info = await newInfo(key);
  const server = collectingLog();
  const { sockets, seen } = await startEchoKernel(info, { log: server.log, limits: { maxMessageBytes: 64 * 1024 } });
  const client = await KernelClient.connect(info, { log: () => undefined });
  try {
    await client.waitForReady(10_000);
    await fn({ info, client, seen, serverLog: server.lines, sockets });
  } finally {
    await client.close();
    await sockets.close();
  }
}

test('request/reply, IOPub outputs, heartbeat and control against KernelSockets', async () => {
  await withKernel(async ({ client }) => {
    const info = await client.kernelInfo(5_000);
    assert.equal(info.content.implementation, 'echo');
    assert.equal(info.parent_header.msg_id !== undefined, true);

    const seenIOPub: string[] = [];
    const { reply, outputs } = await client.execute('hello', { onIOPub: (m) => seenIOPub.push(m.header.msg_type), timeoutMs: 5_000 });
    assert.equal(reply.content.status, 'ok');
    assert.deepEqual(outputs.map((m) => [m.header.msg_type, m.content.text]), [['stream', 'hello']]);
    assert.deepEqual(seenIOPub, ['status', 'execute_input', 'stream', 'status']);

    assert.equal(await client.heartbeat(2_000), true);
    const shut = await client.shutdown(true);
    assert.deepEqual(shut.content, { status: 'ok', restart: true });
    const unknown = await client.request('shell', 'history_request', { hist_access_type: 'tail', n: 1, output: false, raw: true });
    assert.equal(unknown.header.msg_type, 'history_reply');
  });
});

test('stdin: the client answers input_request through onInput on the same routing id', async () => {
  await withKernel(async ({ client }) => {
    const prompts: string[] = [];
    const { outputs } = await client.execute('input:Name? ', {
      onInput: async (prompt) => {
        prompts.push(prompt);
        return 'Ada';
      },
      timeoutMs: 5_000,
    });
    assert.deepEqual(prompts, ['Name? ']);
    assert.equal(outputs[0].content.text, 'got Ada');
  });
});

test('many concurrent requests are all answered and matched to their own request', async () => {
  await withKernel(async ({ client }) => {
    const codes = Array.from({ length: 50 }, (_, i) => `cell ${i}`);
    const results = await Promise.all(codes.map((c) => client.execute(c, { timeoutMs: 10_000 })));
    results.forEach((r, i) => assert.equal(r.outputs[0].content.text, codes[i]));
  });
});

test('binary buffers travel both ways', async () => {
  await withKernel(async ({ client }) => {
    const buf = Buffer.from([0, 1, 2, 250, 255]);
    const reply = await client.request('shell', 'execute_request', { code: 'b', silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true }, { buffers: [buf] });
    assert.equal(reply.buffers.length, 1);
    assert.ok(reply.buffers[0].equals(buf));
  });
});

test('bad, forged, replayed and oversized messages are dropped and logged; the next good message is served', async () => {
  await withKernel(async ({ info, client, seen, serverLog }) => {
    const raw = new zmq.Dealer({ routingId: 'raw-peer', linger: 2_000 });
    raw.connect(endpoint(info, 'shell'));
    const signer = new Signer(info.key);
    const good = encodeMessage(makeMessage('kernel_info_request', {}, 'raw'), signer);
    const before = seen.length;
    await raw.send([Buffer.from('no delimiter')]);
    await raw.send([DELIMITER, Buffer.from('sig')]);
    await raw.send(encodeMessage(makeMessage('kernel_info_request', {}, 'raw'), new Signer('wrong-key')));
    await raw.send(encodeMessage(makeMessage('kernel_info_request', {}, 'raw'), new Signer('')));
    await raw.send(good);
    await raw.send(good);
    await raw.send(encodeMessage(makeMessage('kernel_info_request', {}, 'raw', { buffers: [Buffer.alloc(40 * 1024), Buffer.alloc(40 * 1024)] }), signer));
    // One frame over the limit is refused by libzmq itself (maxMessageSize), before it is read into memory.
    await raw.send(encodeMessage(makeMessage('kernel_info_request', {}, 'raw', { buffers: [Buffer.alloc(100 * 1024)] }), signer));
    // The client's own request comes after all of those on another connection: once it is
    // answered, give the raw messages a moment to be processed, then check what was served.
    const r = await client.execute('still alive', { timeoutMs: 5_000 });
    assert.equal(r.outputs[0].content.text, 'still alive');
    const deadline = Date.now() + 3_000;
    while (serverLog.length < 6 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    const rawServed = seen.slice(before).filter((m) => m.header.session === 'raw');
    assert.equal(rawServed.length, 1, 'only the first copy of the good message is served');
    const joined = serverLog.join('\n');
    for (const expected of ['MissingDelimiterError', 'InsufficientFramesError', 'signature does not match', 'unsigned message', 'ReplayedMessageError', 'MessageTooLargeError']) {
      assert.ok(joined.includes(expected), `log mentions ${expected}:\n${joined}`);
    }
    raw.close();
    assert.equal((await client.execute('after the flood', { timeoutMs: 5_000 })).outputs[0].content.text, 'after the flood');
  });
});

test('the kernel survives content that JSON cannot hold (BigInt is sent as a string)', async () => {
  await withKernel(async ({ client }) => {
    const { outputs } = await client.execute('bigint', { timeoutMs: 5_000 });
    const display = outputs.find((m) => m.header.msg_type === 'display_data')!;
    assert.deepEqual((display.content.data as Record<string, unknown>)['application/json'], { n: '12345678901234567890' });
  });
});

test('hundreds of overlapping sends on one socket are queued, not rejected as busy', async () => {
  await withKernel(async ({ client, sockets }) => {
    const got: number[] = [];
    const parent = makeMessage('execute_request', {}, 'x');
    const stop = client.onIOPub((m) => {
      if (m.header.msg_type === 'stream' && (m.parent_header as { msg_id?: string }).msg_id === parent.header.msg_id) got.push(Number(m.content.text));
    });
    await Promise.all(Array.from({ length: 300 }, (_, i) => sockets.send('iopub', makeMessage('stream', { name: 'stdout', text: String(i) }, 'k', { parent }))));
    const deadline = Date.now() + 5_000;
    while (got.length < 300 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
    stop();
    assert.deepEqual(got, Array.from({ length: 300 }, (_, i) => i));
  });
});

test('a port in use gives PortInUseError naming the channel and port', async () => {
  const info = await newInfo();
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(info.control_port, '127.0.0.1', r));
  try {
    await assert.rejects(KernelSockets.bind(info, { log: () => undefined }), (e: unknown) => e instanceof PortInUseError && e.channel === 'control' && e.port === info.control_port && e.message.includes(String(info.control_port)));
    // Everything bound before the failure was released: binding again after freeing the port works.
    await new Promise((r) => blocker.close(r));
    const sockets = await KernelSockets.bind(info, { log: () => undefined });
    await sockets.close();
  } finally {
    blocker.close();
  }
});

test('heartbeat and requests time out against a silent endpoint, with typed errors', async () => {
  const info = await newInfo();
  const client = await KernelClient.connect(info, { log: () => undefined });
  try {
    assert.equal(await client.heartbeat(200), false);
    assert.equal(await client.heartbeat(200), false);
    await assert.rejects(client.kernelInfo(300), RequestTimeoutError);
    await assert.rejects(client.execute('x', { timeoutMs: 300 }), (e: unknown) => e instanceof RequestTimeoutError && /execute_reply and IOPub status 'idle' missing/.test(e.message));
    await assert.rejects(client.waitForReady(600), RequestTimeoutError);
  } finally {
    await client.close();
  }
});

/** `p`, or a failure naming `what` after `ms`: a hang here is the bug under test, not a slow test. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not resolve within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Kernel sockets that count the shell messages they hand over, and a client connected to them. */
async function countingShell() {
  const info = await newInfo();
  const sockets = await KernelSockets.bind(info, { log: () => undefined });
  let count = 0;
  sockets.onMessage('shell', () => void count++);
  const client = await KernelClient.connect(info, { log: () => undefined });
  return { sockets, client, got: () => count };
}

test('handedOver: messages queued while the thread was busy are all handed over when it resolves', async () => {
  const { sockets, client, got } = await countingShell();
  try {
    await Promise.all(Array.from({ length: 20 }, () => client.send('shell', 'comm_info_request', {})));
    // The messages reach ZeroMQ's queue while this thread cannot read them.
    const until = Date.now() + 200;
    while (Date.now() < until);
    await within(sockets.handedOver('shell'), 5_000, 'handedOver');
    assert.equal(got(), 20);
  } finally {
    await client.close();
    await sockets.close();
  }
});

test('handedOver, asked again and again while requests arrive, never keeps a request from being read', async () => {
  const { sockets, client, got } = await countingShell();
  let flushing = true;
  let flushes = 0;
  const flusher = (async () => {
    while (flushing) {
      await sockets.handedOver('shell');
      flushes++;
      await new Promise((r) => setTimeout(r, flushes % 2));
    }
  })();
  try {
    // Asking ZeroMQ whether the socket is readable while a receive waits would swallow the
    // descriptor's wake-up: the receive then never ends (none of these were read, before the fix).
    for (let i = 0; i < 500; i++) {
      await client.send('shell', 'comm_info_request', {});
      if (i % 3 === 0) await new Promise((r) => setTimeout(r, i % 2));
    }
    const deadline = Date.now() + 10_000;
    while (got() < 500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(got(), 500);
    assert.ok(flushes > 0);
  } finally {
    flushing = false;
    await within(flusher, 5_000, 'the last handedOver');
    await client.close();
    await sockets.close();
  }
});
