import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExecutionState } from '../../../kernel/server/execution-state';

test('stored runs advance the count and the history; silent runs and unstored ones reuse the count but get their own cell id', () => {
  const state = new ExecutionState();
  const a = state.begin('1 + 1', { silent: false, storeHistory: true });
  const quiet = state.begin('setup()', { silent: true, storeHistory: true });
  const unstored = state.begin('peek', { silent: false, storeHistory: false });
  const b = state.begin('x', { silent: false, storeHistory: true });
  assert.deepEqual([a.count, quiet.count, unstored.count, b.count], [1, 1, 1, 2]);
  assert.equal(quiet.storeHistory, false, 'silent forces store_history off');
  assert.equal(new Set([a.cellId, quiet.cellId, unstored.cellId, b.cellId]).size, 4);
  state.finished(a, '2');
  state.finished(unstored, 'ignored');
  assert.deepEqual(state.history.query({ hist_access_type: 'tail', output: true }), [[1, 1, ['1 + 1', '2']], [1, 2, ['x', null]]]);
  assert.equal(state.count, 2);
});

test('the running cell is current only while its code runs, and the interrupt flag follows it, also when it throws', async () => {
  const flags: boolean[] = [];
  const state = new ExecutionState((running) => flags.push(running));
  const run = state.begin('work()', { silent: false, storeHistory: true });
  assert.equal(state.current, undefined);
  const seen = await state.whileRunning(run, async () => state.current);
  assert.equal(seen, run);
  assert.equal(state.current, undefined);
  await assert.rejects(state.whileRunning(run, async () => Promise.reject(new Error('cell failed'))), /cell failed/);
  assert.equal(state.current, undefined);
  assert.deepEqual(flags, [true, false, true, false]);
});
