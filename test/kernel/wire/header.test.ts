import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeHeader } from '../../../kernel/wire/header';

test('headers carry a UUID v4, a dated timestamp with timezone and version 5.3', () => {
  const h = makeHeader('execute_request', 'sess-1', 'alice');
  assert.match(h.msg_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(h.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  assert.ok(Math.abs(Date.parse(h.date) - Date.now()) < 60_000);
  assert.deepEqual({ ...h, msg_id: '', date: '' }, { msg_id: '', date: '', session: 'sess-1', username: 'alice', msg_type: 'execute_request', version: '5.3' });
  assert.notEqual(makeHeader('a', 's').msg_id, makeHeader('a', 's').msg_id);
});

test('bad arguments name the argument and the function', () => {
  assert.throws(() => makeHeader('', 's'), /makeHeader: argument 'msgType'/);
  assert.throws(() => makeHeader('x', ''), /makeHeader: argument 'session'/);
});
