import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../../kernel/triplet/config/resolve';
import { schedule } from '../../../kernel/triplet/config';
import { activeSession, TripletSession, useSession } from '../../../kernel/triplet/session';
import { configure, getConfig } from '../../../kernel/triplet/config/store';
import { stop } from '../../../kernel/triplet/training/stop';

test('two sessions keep their own configuration, position, listeners and runs', () => {
  const a = new TripletSession();
  const b = new TripletSession();
  const heard: string[] = [];
  a.events.on('config', ({ config }) => heard.push(`a ${config.margin}`));
  b.events.on('config', ({ config }) => heard.push(`b ${config.margin}`));
  a.config.apply({ margin: 0.5, mining: schedule.mining([{ until: { step: 10 }, mining: 'semi-hard' }, { mining: 'hard' }]) }, 'code');
  a.config.setPosition(20, 1);
  assert.deepEqual(heard, ['a 0.5', 'a 0.5'], "b heard nothing of a's changes");
  assert.equal(b.config.get().margin, 0.2);
  assert.deepEqual(b.config.getPosition(), { step: 0, epoch: 0 });
  assert.equal(a.config.serial().mining, 'hard', 'shown at its own position');
  assert.equal(b.config.serial().mining, 'batch-hard');
  const run = a.runs.start();
  assert.equal(b.runs.stop(), 0);
  assert.equal(run.stopped, false);
  assert.equal(a.runs.stop(), 1);
  assert.equal(run.stopped, true);
  run.end();
  assert.equal(a.runs.stop(), 0, 'an ended run is no longer asked');
});

test("the library's functions act on the session in use, and resolveConfig reads only what it is given", () => {
  const mine = new TripletSession();
  const restore = useSession(mine);
  try {
    assert.equal(activeSession(), mine);
    configure({ margin: 0.7 });
    assert.equal(mine.config.get().margin, 0.7);
    const run = mine.runs.start();
    assert.equal(stop(), 1);
    assert.equal(run.stopped, true);
    run.end();
    mine.config.setPosition(500, 5);
    const at0 = resolveConfig(0, 0, { ...getConfig(), margin: schedule.margin.linear(0, 1, 100) });
    assert.equal(at0.margin, 0, 'the position is the caller’s, not the one training reached');
  } finally {
    restore();
  }
  assert.notEqual(activeSession(), mine);
  assert.equal(getConfig().margin, 0.2);
});
