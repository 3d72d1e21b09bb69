import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeClient } from '../fake-shell-client';
import { TypesComm } from '../../../extension/language/types-comm';

const diag = { line: 1, column: 7, code: 2322, category: 'error' as const, message: "Type 'string' is not assignable to type 'number'." };

test('check sends the cell on the tripletlab.types comm and resolves with the answer of the same id', async () => {
  const { client, sent, publish } = fakeClient();
  const comm = new TypesComm(client);
  assert.deepEqual(sent[0], { msgType: 'comm_open', content: { comm_id: comm.commId, target_name: 'tripletlab.types', data: {} } });
  const first = comm.check('const a: number = "x";');
  const second = comm.check('const b = 1;');
  const [a, b] = [sent[1].content.data, sent[2].content.data];
  assert.equal(a.type, 'check');
  assert.notEqual(a.id, b.id);
  // Answers may come in any order and among other comms' messages.
  publish('comm_msg', { comm_id: 'someone-else', data: { type: 'diagnostics', id: a.id, checked: true, diagnostics: [] } });
  publish('comm_msg', { comm_id: comm.commId, data: { type: 'diagnostics', id: b.id, checked: true, diagnostics: [] } });
  publish('comm_msg', { comm_id: comm.commId, data: { type: 'diagnostics', id: a.id, checked: true, diagnostics: [diag] } });
  assert.deepEqual(await first, { checked: true, diagnostics: [diag] });
  assert.deepEqual(await second, { checked: true, diagnostics: [] });
});

test("a kernel's error answer rejects that check with its message", async () => {
  const { client, sent, publish } = fakeClient();
  const comm = new TypesComm(client);
  const pending = comm.check('x');
  publish('comm_msg', { comm_id: comm.commId, data: { type: 'error', id: sent[1].content.data.id, message: 'the type service failed: worker exited' } });
  await assert.rejects(pending, /worker exited/);
});

test('a kernel without the target closes the comm: waiting and later checks reject, saying why', async () => {
  const { client, publish } = fakeClient();
  const comm = new TypesComm(client);
  const pending = comm.check('x');
  publish('comm_close', { comm_id: comm.commId, data: {} });
  await assert.rejects(pending, /no 'tripletlab.types' target.*restart/);
  await assert.rejects(comm.check('y'), /no 'tripletlab.types' target/);
});

test('dispose closes the comm, stops listening and rejects what was waiting', async () => {
  const { client, sent, listeners } = fakeClient();
  const comm = new TypesComm(client);
  const pending = comm.check('x');
  comm.dispose();
  assert.equal(sent.at(-1)!.msgType, 'comm_close');
  assert.equal(listeners.size, 0);
  await assert.rejects(pending, /kernel stopped/);
});
