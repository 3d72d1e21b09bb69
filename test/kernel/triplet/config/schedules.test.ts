import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { configure, resolveConfig, schedule, serialConfig, getConfig, setPosition } from '../../../../kernel/triplet/config';
import { ownSessionPerTest } from '../own-session';
import type { Miner } from '../../../../kernel/triplet/miners/types';

ownSessionPerTest();

describe('schedules', () => {
  test('semi-hard for 5 epochs, then batch-hard', () => {
    configure({ mining: schedule.mining([{ until: { epoch: 5 }, mining: 'semi-hard' }, { mining: 'batch-hard' }]) });
    assert.equal(resolveConfig(0, 0).mining, 'semi-hard');
    assert.equal(resolveConfig(400, 4).mining, 'semi-hard');
    assert.equal(resolveConfig(500, 5).mining, 'batch-hard');
    assert.equal(resolveConfig(9000, 90).mining, 'batch-hard');
    assert.equal(resolveConfig(0, 4).miner, resolveConfig(0, 0).miner);
    assert.notEqual(resolveConfig(0, 5).miner, resolveConfig(0, 4).miner);
  });

  test('stages by step, a custom miner stage, and subspace sampling', () => {
    const mine = (() => undefined) as unknown as Miner;
    configure({ mining: schedule.mining([{ until: { step: 100 }, mining: mine }, { until: { step: 200 }, mining: 'batch-hard' }, { mining: 'subspace-hard' }]) });
    assert.deepEqual([resolveConfig(99, 0).mining, resolveConfig(99, 0).miner === mine], ['custom', true]);
    assert.deepEqual([resolveConfig(100, 0).mining, resolveConfig(100, 0).sampler], ['batch-hard', 'pk']);
    assert.deepEqual([resolveConfig(200, 0).mining, resolveConfig(200, 0).sampler], ['subspace-hard', 'subspace']);
  });

  test('margin.linear ramps then holds; cosine and stages', () => {
    const lin = schedule.margin.linear(0.1, 0.3, 100);
    assert.equal(lin(0, 0), 0.1);
    assert.ok(Math.abs(lin(50, 0) - 0.2) < 1e-12);
    assert.ok(Math.abs(lin(100, 0) - 0.3) < 1e-12);
    assert.ok(Math.abs(lin(1000, 9) - 0.3) < 1e-12);
    const cos = schedule.margin.cosine(0.4, 0.0, 10);
    assert.ok(Math.abs(cos(0, 0) - 0.4) < 1e-12);
    assert.ok(Math.abs(cos(5, 0) - 0.2) < 1e-12);
    assert.ok(Math.abs(cos(10, 0)) < 1e-12);
    const st = schedule.margin.stages([{ until: { epoch: 3 }, margin: 0.1 }, { margin: 0.2 }]);
    assert.deepEqual([st(0, 2), st(0, 3)], [0.1, 0.2]);
    configure({ margin: lin });
    assert.ok(Math.abs(resolveConfig(25, 0).margin - 0.15) < 1e-12);
  });

  test('serialised config shows a schedule by its current value', () => {
    configure({ margin: schedule.margin.linear(0.1, 0.3, 100), mining: schedule.mining([{ until: { epoch: 1 }, mining: 'semi-hard' }, { mining: 'batch-hard' }]) });
    setPosition(50, 1);
    const s = serialConfig(getConfig(), { step: 50, epoch: 1 });
    assert.ok(Math.abs(s.margin - 0.2) < 1e-12);
    assert.equal(s.marginSchedule, 'custom');
    assert.equal(s.mining, 'batch-hard');
    assert.equal(s.miningSchedule, 'custom');
  });

  test('malformed schedules name the argument', () => {
    assert.throws(() => schedule.mining([]), /'stages'.*at least one stage/);
    assert.throws(() => schedule.mining([{ mining: 'semi-hard' }, { mining: 'batch-hard' }]), /stages\[0\]\.until/);
    assert.throws(() => schedule.margin.linear(0.1, 0.3, 0), /'steps'.*positive integer/);
    assert.throws(() => configure({ mining: schedule.mining([{ until: { epoch: 2 }, mining: 'semi-hrad' }, { mining: 'batch-hard' }]) }), /mining\.stages\[0\]\.mining.*'semi-hrad'/);
    configure({ margin: () => Number.NaN });
    assert.throws(() => resolveConfig(3, 0), /'margin'.*schedule returned NaN at step 3/);
  });
});
