import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configure, on, schedule, setPosition } from '../../../../kernel/triplet/config';
import { ownSessionPerTest } from '../own-session';
import type { SerialConfig } from '../../../../kernel/triplet/config';

ownSessionPerTest();

function heard(run: () => void): { config: SerialConfig; source: string }[] {
  const seen: { config: SerialConfig; source: string }[] = [];
  const stop = on('config', (e) => seen.push(e));
  try {
    run();
  } finally {
    stop();
  }
  return seen;
}

test('fit moving into a new mining stage tells the editor once, with the new stage', () => {
  configure({ mining: schedule.mining([{ until: { step: 3 }, mining: 'semi-hard' }, { mining: 'subspace-hard' }]) });
  const seen = heard(() => {
    for (let step = 0; step < 6; step++) setPosition(step, 0);
  });
  assert.deepEqual(
    seen.map((e) => [e.config.mining, e.config.miningSchedule, e.source]),
    [['subspace-hard', 'custom', 'code']],
  );
});

test('a margin schedule is announced when its two-decimal value changes, not at every step', () => {
  configure({ margin: (step: number) => 0.1 + step * 0.001 });
  const seen = heard(() => {
    for (let step = 0; step <= 100; step++) setPosition(step, 0);
  });
  const margins = seen.map((e) => e.config.margin.toFixed(2));
  assert.deepEqual(margins, ['0.11', '0.12', '0.13', '0.14', '0.15', '0.16', '0.17', '0.18', '0.19', '0.20']);
});

test('without a schedule, moving through training announces nothing', () => {
  configure({ margin: 0.3, mining: 'hard' });
  assert.equal(heard(() => setPosition(10, 1)).length, 0);
});
