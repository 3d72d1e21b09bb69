import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { configure, getConfig, resetConfig, on } from '../../../../kernel/triplet/config';
import type { Miner } from '../../../../kernel/triplet/miners/types';

afterEach(() => resetConfig());

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
      config: { margin: 0.4, mining: 'semi-hard', distance: 'euclidean', softMargin: false, normalize: true, watch: true },
    });
  });
});
