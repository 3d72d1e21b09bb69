import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import { startTestKernel } from './kernel-process';

// Completions an editor asks for while the user types: members of the session's live values come
// from the values (at once, even while the type checker is still loading); the rest, and any name
// the cell itself may bind, from the type service.
let kernel: RunningKernel;
before(async () => {
  kernel = await startTestKernel();
});
after(async () => kernel?.stop());

interface CompleteReply {
  status: string;
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: { tripletlab_source?: string };
}

async function complete(code: string, cursor = code.length): Promise<CompleteReply> {
  const r = await kernel.client.request('shell', 'complete_request', { code, cursor_pos: cursor }, { timeoutMs: 120_000 });
  return r.content as unknown as CompleteReply;
}

test('the first completion of a session, on a global, is answered from its value', async () => {
  const r = await complete('console.lo');
  assert.equal(r.status, 'ok');
  assert.deepEqual(r.matches, ['log']);
  assert.equal(r.metadata.tripletlab_source, 'values');
  assert.deepEqual([r.cursor_start, r.cursor_end], [8, 10]);
});

test('members of a tensor from an earlier cell come from the tensor, cursor counted in code points', async () => {
  const ran = await kernel.client.execute('const emb = tf.randomNormal([4, 8]);', { timeoutMs: 120_000 });
  assert.equal((ran.reply.content as { status: string }).status, 'ok');
  const r = await complete('emb.');
  assert.equal(r.metadata.tripletlab_source, 'values');
  for (const name of ['shape', 'dataSync', 'add', 'dispose']) assert.ok(r.matches.includes(name), name);
  const emoji = '/* 😀 */ emb.da';
  const e = await complete(emoji, [...emoji].length);
  assert.ok(e.matches.includes('dataSync') && e.matches.every((m) => m.startsWith('da')), e.matches.join());
  assert.equal(e.cursor_start, [...'/* 😀 */ emb.'].length);
});

test('a name the cell rebinds, and a call, are answered by the type service from the cell\'s own types', async () => {
  const rebound = await complete('const emb = 5;\nemb.toF');
  assert.notEqual(rebound.metadata.tripletlab_source, 'values');
  assert.deepEqual(rebound.matches, ['toFixed']);
  const called = await complete('emb.square().resh');
  assert.notEqual(called.metadata.tripletlab_source, 'values');
  assert.deepEqual(called.matches, ['reshape', 'reshapeAs']);
});
