import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { configure, getConfig, miningNames, on } from '../../../../kernel/triplet/config';
import { ownSessionPerTest } from '../own-session';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import type { Miner } from '../../../../kernel/triplet/miners/types';

ownSessionPerTest();

describe('configure', () => {
  test('merges into the current config and keeps the rest', () => {
    configure({ margin: 0.5 });
    configure({ distance: 'cosine' });
    const c = getConfig();
    assert.equal(c.margin, 0.5);
    assert.equal(c.distance, 'cosine');
    assert.equal(c.mining, 'batch-hard');
    assert.equal(c.normalize, true);
  });

  test('accepts a miner function and a margin schedule', () => {
    const miner = (() => undefined) as unknown as Miner;
    const margin = (step: number) => 0.1 + step * 0.001;
    configure({ mining: miner, margin });
    assert.equal(getConfig().mining, miner);
    assert.equal(getConfig().margin, margin);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['unknown mining name, listing the valid ones', { mining: 'hardest' }, /'mining'.*'hardest'.*'semi-hard'.*'batch-hard'.*'subspace-hard'/],
    ['negative margin', { margin: -1 }, /'margin'.*-1.*≥ 0/],
    ['NaN margin', { margin: Number.NaN }, /'margin'/],
    ['unknown distance', { distance: 'manhattan' }, /'distance'.*'manhattan'.*'euclidean', 'squared-euclidean', 'cosine'/],
    ['non-boolean softMargin', { softMargin: 'yes' }, /'softMargin'.*true or false/],
    ['unknown option', { marginn: 0.2 }, /'marginn'.*'margin'/],
  ];
  for (const [name, options, re] of bad) {
    test(`rejects ${name} and leaves the config unchanged`, () => {
      const before = getConfig();
      assert.throws(() => configure({ margin: 0.3, ...options } as never), (e: Error) => e.name === 'TripletInputError' && re.test(e.message) && /triplet\.configure/.test(e.message));
      assert.deepEqual(getConfig(), before);
    });
  }

  test("announces every change with source 'code'", () => {
    const seen: unknown[] = [];
    const off = on('config', (e) => seen.push(e));
    configure({ margin: 0.4, mining: 'semi-hard' });
    off();
    configure({ margin: 0.1 });
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0], {
      source: 'code',
      config: { margin: 0.4, mining: 'semi-hard', distance: 'euclidean', softMargin: false, normalize: true, watch: true, miningNames: miningNames() },
    });
  });

  test('a mining schedule without stages is refused and the config stays usable', () => {
    const bad: unknown[] = [
      { kind: 'mining-schedule', stages: [] },
      { kind: 'mining-schedule' },
      { kind: 'mining-schedule', stages: [null] },
      { kind: 'mining-schedule', stages: [{ mining: 'semi-hard' }, { mining: 'batch-hard' }] },
      { kind: 'mining-schedule', stages: [{ mining: 3 }] },
    ];
    for (const mining of bad) {
      assert.throws(() => configure({ mining: mining as never }),
        (e: unknown) => e instanceof TripletInputError && /triplet\.configure: argument 'mining\.stages/.test(e.message), JSON.stringify(mining));
    }
    assert.throws(() => configure({ mining: { kind: 'mining-schedule', stages: [] } as never }), /is an empty array\. Pass at least one stage/);
    assert.equal(getConfig().mining, 'batch-hard');
    assert.doesNotThrow(() => configure({ margin: 0.3 }));
  });

  test('every mining name the kernel reports (sent to the editor) is accepted, subspace-hard included', () => {
    assert.ok(miningNames().includes('subspace-hard'));
    for (const name of miningNames()) assert.equal(configure({ mining: name }).mining, name);
  });
});
