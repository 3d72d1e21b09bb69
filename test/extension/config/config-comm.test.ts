import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeClient } from '../fake-shell-client';
import { ConfigComm, type ConfigListener } from '../../../extension/config/config-comm';

function recorder() {
  const events: unknown[] = [];
  const listener: ConfigListener = {
    config: (config, source) => events.push(['config', config.margin, config.mining, source]),
    error: (message) => events.push(['error', message]),
    closed: () => events.push(['closed']),
  };
  return { events, listener };
}

const config = { margin: 0.2, mining: 'batch-hard', distance: 'euclidean', softMargin: false, normalize: true, watch: true };

test('opens a comm on the tripletlab.config target and keeps the latest broadcast', () => {
  const { client, sent, publish } = fakeClient();
  const { events, listener } = recorder();
  const comm = new ConfigComm(client, listener);
  assert.deepEqual(sent, [{ msgType: 'comm_open', content: { comm_id: comm.commId, target_name: 'tripletlab.config', data: {} } }]);
  publish('comm_msg', { comm_id: comm.commId, data: { type: 'config', config } });
  publish('comm_msg', { comm_id: 'another-comm', data: { type: 'config', config: { ...config, margin: 9 } } });
  publish('comm_msg', { comm_id: comm.commId, data: { type: 'config', config: { ...config, margin: 0.5 }, source: 'code' } });
  assert.deepEqual(events, [['config', 0.2, 'batch-hard', undefined], ['config', 0.5, 'batch-hard', 'code']]);
  assert.equal(comm.config?.margin, 0.5);
});

test('set and get send comm_msg with the request as data', () => {
  const { client, sent } = fakeClient();
  const comm = new ConfigComm(client, recorder().listener);
  comm.set({ margin: 0.3 });
  comm.requestConfig();
  assert.deepEqual(sent.slice(1), [
    { msgType: 'comm_msg', content: { comm_id: comm.commId, data: { type: 'set', config: { margin: 0.3 } } } },
    { msgType: 'comm_msg', content: { comm_id: comm.commId, data: { type: 'get' } } },
  ]);
});

test('kernel errors are reported; malformed config messages are ignored', () => {
  const { client, publish } = fakeClient();
  const { events, listener } = recorder();
  const comm = new ConfigComm(client, listener);
  publish('comm_msg', { comm_id: comm.commId, data: { type: 'error', message: "margin is -1. Use a finite number ≥ 0." } });
  publish('comm_msg', { comm_id: comm.commId, data: { type: 'config', config: { margin: 'x' } } });
  assert.deepEqual(events, [['error', 'margin is -1. Use a finite number ≥ 0.']]);
});

test('a comm_close from the kernel (no such target) marks the comm closed and set then explains', () => {
  const { client, publish } = fakeClient();
  const { events, listener } = recorder();
  const comm = new ConfigComm(client, listener);
  publish('comm_close', { comm_id: comm.commId, data: {} });
  assert.equal(comm.isOpen, false);
  assert.deepEqual(events, [['closed']]);
  assert.throws(() => comm.set({ margin: 0.1 }), /closed the 'tripletlab.config' comm; restart the kernel/);
});

test('dispose closes the comm once and stops listening', () => {
  const { client, sent, listeners } = fakeClient();
  const comm = new ConfigComm(client, recorder().listener);
  comm.dispose();
  comm.dispose();
  assert.deepEqual(sent.map((s) => s.msgType), ['comm_open', 'comm_close']);
  assert.equal(listeners.size, 0);
});
