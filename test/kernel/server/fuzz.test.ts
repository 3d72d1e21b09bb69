import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as zmq from 'zeromq';
import { endpoint } from '../../../kernel/wire/connection';
import { encodeMessage } from '../../../kernel/wire/framing';
import { makeMessage } from '../../../kernel/wire/build';
import { Signer } from '../../../kernel/wire/signing';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import { createRandom } from '../../../kernel/triplet/samplers/random';
import { startTestKernel } from './kernel-process';

let kernel: RunningKernel;
before(async () => {
  kernel = await startTestKernel({ env: { TRIPLETLAB_TYPECHECK: 'off' } });
});
after(async () => kernel?.stop());

const DELIM = Buffer.from('<IDS|MSG>');

/** 1,200 malformed messages of many kinds: wrong framing, bad or missing signatures, broken JSON, bad headers, unknown types, big frames. */
function malformed(signer: Signer, session: string): Buffer[][] {
  const rnd = createRandom(7);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd.next() * 256)));
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  const signed = (parts: Buffer[]) => [DELIM, Buffer.from(signer.sign(parts)), ...parts];
  const header = (extra: Record<string, unknown> = {}) => ({ msg_id: `fuzz-${rnd.next()}`, session, username: 'fuzz', date: new Date().toISOString(), msg_type: 'kernel_info_request', version: '5.3', ...extra });
  const kinds: (() => Buffer[])[] = [
    () => [bytes(1 + Math.floor(rnd.next() * 64))],
    () => Array.from({ length: 1 + Math.floor(rnd.next() * 8) }, () => bytes(Math.floor(rnd.next() * 40))),
    () => [DELIM],
    () => [DELIM, Buffer.from('deadbeef'), json(header()), json({}), json({}), json({})],
    () => [DELIM, Buffer.from(''), json(header()), json({}), json({}), json({})],
    () => signed([Buffer.from('{not json'), json({}), json({}), json({})]),
    () => signed([json(header()), json({}), json({}), Buffer.from('[1, 2')]),
    () => signed([json([1, 2, 3]), json({}), json({}), json({})]),
    () => signed([json({ msg_type: 'kernel_info_request' }), json({}), json({}), json({})]),
    () => signed([json(header({ msg_type: 'no_such_request' })), json({}), json({}), json({})]),
    () => signed([json(header({ msg_type: 42 })), json({}), json({}), json({})]),
    () => signed([json(header({ msg_type: 'execute_request' })), json({}), json({}), json({ code: 12345 })]),
    () => signed([json(header({ msg_type: 'complete_request' })), json({}), json({}), json({ code: null, cursor_pos: 'x' })]),
    () => signed([json(header({ msg_type: 'history_request' })), json({}), json({}), json({ hist_access_type: { a: 1 } })]),
    () => signed([json(header({ msg_type: 'comm_msg' })), json({}), json({}), json({ comm_id: 'missing', data: {} })]),
    () => signed([json(header({ msg_type: 'comm_open' })), json({}), json({}), json({ comm_id: 7, target_name: null })]),
    () => signed([json(header({ msg_type: 'is_complete_request' })), json({}), json({}), json({ code: bytes(200).toString('latin1') })]),
    () => [DELIM, Buffer.from(signer.sign([json(header()), json({}), json({}), json({})])), json(header()), json({}), json({}), json({ tampered: true })],
    () => signed([json(header()), json({}), json({}), json({}), bytes(1 << 20)]),
  ];
  const out: Buffer[][] = [];
  for (let i = 0; i < 1200; i++) out.push(kinds[i % kinds.length]());
  return out;
}

test('1,200 malformed messages on shell and on control: the kernel still answers kernel_info and runs a cell', { timeout: 180_000 }, async () => {
  const signer = new Signer(kernel.info.key, kernel.info.signature_scheme);
  for (const channel of ['shell', 'control'] as const) {
    const sock = new zmq.Dealer({ routingId: `fuzz-${channel}`, linger: 0 });
    sock.connect(endpoint(kernel.info, channel));
    // Drain whatever the kernel answers (error replies to the well-formed unknown types).
    const drained = (async () => {
      try {
        for await (const _ of sock) void _;
      } catch {
        // closed
      }
    })();
    for (const frames of malformed(signer, `fuzz-session-${channel}`)) await sock.send(frames);
    const info = await kernel.client.request('control', 'kernel_info_request', {}, { timeoutMs: 60_000 });
    assert.equal((info.content as { status?: string }).status, 'ok');
    sock.close();
    await drained;
  }
  assert.equal(kernel.process.exitCode, null, 'the kernel process is still running');
  const shellInfo = await kernel.client.kernelInfo(60_000);
  assert.equal((shellInfo.content as { implementation?: string }).implementation, 'tripletlab');
  const r = await kernel.client.execute('const afterFuzz = 20 + 22; afterFuzz', { timeoutMs: 60_000 });
  assert.equal((r.reply.content as { status: string }).status, 'ok');
  const result = r.outputs.find((m) => m.header.msg_type === 'execute_result');
  assert.equal((result?.content as { data: Record<string, string> }).data['text/plain'], '42');
});

test('a replayed signed execute_request runs once', async () => {
  const signer = new Signer(kernel.info.key, kernel.info.signature_scheme);
  const msg = makeMessage('execute_request', { code: 'globalThis.replayed = ((globalThis as any).replayed ?? 0) + 1;', silent: true, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true }, 'replay-session');
  const frames = encodeMessage(msg, signer);
  const sock = new zmq.Dealer({ routingId: 'replayer', linger: 0 });
  sock.connect(endpoint(kernel.info, 'shell'));
  await sock.send(frames);
  const [first] = await Promise.all([sock.receive()]);
  assert.ok(first.length > 0);
  await sock.send(frames);
  await new Promise((r) => setTimeout(r, 500));
  sock.close();
  const r = await kernel.client.execute('(globalThis as any).replayed', { timeoutMs: 30_000 });
  const result = r.outputs.find((m) => m.header.msg_type === 'execute_result');
  assert.equal((result?.content as { data: Record<string, string> }).data['text/plain'], '1');
});

test('a message signed with the wrong key is dropped, never executed', async () => {
  const wrong = new Signer('not-the-kernel-key', kernel.info.signature_scheme);
  const msg = makeMessage('execute_request', { code: 'globalThis.forged = true', silent: true, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true }, 'forger');
  const sock = new zmq.Dealer({ routingId: 'forger', linger: 0 });
  sock.connect(endpoint(kernel.info, 'shell'));
  await sock.send(encodeMessage(msg, wrong));
  await new Promise((r) => setTimeout(r, 500));
  sock.close();
  const r = await kernel.client.execute('String((globalThis as any).forged)', { timeoutMs: 30_000 });
  const result = r.outputs.find((m) => m.header.msg_type === 'execute_result');
  assert.equal((result?.content as { data: Record<string, string> }).data['text/plain'], "'undefined'");
});
