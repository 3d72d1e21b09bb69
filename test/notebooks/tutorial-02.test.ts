import assert from 'node:assert/strict';
import { test } from 'node:test';
import { committed, execute, markdownOf, outputsOf, type Notebook } from './run-tutorial';
import { assertQuotedNumbers, assertRanClean, num, rowOf, tableOf, type Row } from './tutorial-checks';

const NAME = '02-triplets-and-margins.ipynb';
const MARGINS = ['0.05', '0.1', '0.2', '0.4', '0.8'];

const sweepOf = (nb: Notebook) => tableOf(nb, 'margin | P@1');
const countsOf = (nb: Notebook) => tableOf(nb, 'margin | easy');

/** What a reader can check in any run, quick or full. */
function assertSensible(nb: Notebook): { sweep: Row[] } {
  assertRanClean(nb, NAME);
  // The twelve triplets of the drawn anchor and positive at margin 0.5: each kind and loss follow
  // from d(a,n) − d(a,p) by the definitions in the text.
  const triplets = tableOf(nb, 'negative');
  assert.equal(triplets.length, 12);
  for (const t of triplets) {
    const gap = num(t['d(a,n) − d(a,p)']);
    assert.equal(t.kind, gap > 0.5 ? 'easy' : gap > 0 ? 'semi-hard' : 'hard', `negative ${t.negative}`);
    assert.ok(Math.abs(num(t['loss at m = 0.5']) - Math.max(0.5 - gap, 0)) <= 0.0015, `loss of negative ${t.negative}`);
  }
  assert.deepEqual(new Set(triplets.map((t) => t.kind)), new Set(['easy', 'semi-hard', 'hard']), 'the example shows all three kinds');
  // Over all triplets of the 18 points (6 anchors × 5 positives × 12 negatives per cluster): the margin moves easy to semi-hard only.
  const counts = countsOf(nb);
  for (const c of counts) assert.equal(num(c.easy) + num(c['semi-hard']) + num(c.hard), 18 * 5 * 12, `margin ${c.margin}`);
  assert.equal(new Set(counts.map((c) => c.hard)).size, 1, 'the hard count does not depend on the margin');
  assert.equal(num(rowOf(counts, '0')['semi-hard']), 0, 'no semi-hard triplets at margin 0');
  counts.slice(1).forEach((c, i) => assert.ok(num(c['semi-hard']) > num(counts[i]['semi-hard']), `more semi-hard at margin ${c.margin}`));

  const sweep = sweepOf(nb);
  const raw = rowOf(sweep, 'raw pixels');
  for (const m of MARGINS) {
    const r = rowOf(sweep, m);
    assert.ok(num(r['MAP@R']) > num(raw['MAP@R']) + 0.15, `training at margin ${m} retrieves better than raw pixels: ${r['MAP@R']} against ${raw['MAP@R']}`);
    assert.ok(num(r['mean d(a,n)']) > num(r['mean d(a,p)']), `margin ${m}: other classes farther than the same class`);
  }
  const svgs = outputsOf(nb).filter((o) => o.data && 'image/svg+xml' in o.data);
  assert.ok(svgs.length >= 3, 'the picture, the three margins side by side and the histogram');
  assert.ok(outputsOf(nb).some((o) => o.data && 'application/vnd.tripletlab.distances+json' in o.data), 'the histogram whose margin line can be dragged');
  return { sweep };
}

test(`${NAME} runs headless (quick) and its figures are sensible`, { timeout: 600_000 }, () => {
  assertSensible(execute(NAME, { TRIPLETLAB_QUICK: '1' }));
});

test(`${NAME}: the committed outputs come from a full run, and every number the text quotes is the one beside it`, () => {
  const nb = committed(NAME);
  const { sweep } = assertSensible(nb);
  assert.ok(outputsOf(nb).some((o) => /300 training steps per margin/.test(String(o.data?.['text/plain'] ?? ''))), 'a full run (300 steps per margin)');
  const at = (margin: string, column: string) => num(rowOf(sweep, margin)[column]);
  const trained = MARGINS.map((m) => at(m, 'P@1'));
  for (const p of trained) assert.ok(p > at('raw pixels', 'P@1'), 'after the full run every margin beats raw pixels at precision@1');
  const counts = countsOf(nb);
  assertQuotedNumbers(markdownOf(nb), [
    { what: 'the hard count at every margin', pattern: /The hard count stays at \*\*[\d,]+\*\* at every margin/, values: () => [num(counts[0].hard)] },
    {
      what: 'the semi-hard count at a large margin, out of all triplets',
      pattern: /\(\*\*[\d,]+\*\* of the ([\d,]+) at margin ([\d.]+)\)/,
      values: (m) => {
        const row = rowOf(counts, m[2]);
        assert.equal(num(m[1]), num(row.easy) + num(row['semi-hard']) + num(row.hard), 'the number of triplets the text gives');
        return [num(row['semi-hard'])];
      },
    },
    {
      what: 'the range of precision@1 against raw pixels',
      pattern: /between \*\*[\d.]+\*\* and \*\*[\d.]+\*\* at every margin, all above raw pixels' \*\*[\d.]+\*\*/,
      values: () => [Math.min(...trained), Math.max(...trained), at('raw pixels', 'P@1')],
    },
    {
      what: 'how MAP@R moves with the margin',
      pattern: /rises from \*\*[\d.]+\*\* at margin ([\d.]+) to \*\*[\d.]+\*\* at margin ([\d.]+), and a margin of ([\d.]+) adds nothing more \(\*\*[\d.]+\*\*\)/,
      values: (m) => [at(m[1], 'MAP@R'), at(m[2], 'MAP@R'), at(m[3], 'MAP@R')],
    },
    { what: 'mean d(a,p) at two margins', pattern: /mean d\(a,p\) from \*\*[\d.]+\*\* at ([\d.]+) down to \*\*[\d.]+\*\* at ([\d.]+)/, values: (m) => [at(m[1], 'mean d(a,p)'), at(m[2], 'mean d(a,p)')] },
    { what: 'mean d(a,n) at the smallest and largest margins', pattern: /mean d\(a,n\) from \*\*[\d.]+\*\* up to \*\*[\d.]+\*\*/, values: () => [at(MARGINS[0], 'mean d(a,n)'), at(MARGINS[4], 'mean d(a,n)')] },
    {
      what: 'the share of easy held-out triplets at two margins',
      pattern: /at ([\d.]+) only \*\*[\d.]+ %\*\* of the held-out triplets are easy, against \*\*[\d.]+ %\*\* at ([\d.]+)/,
      values: (m) => [at(m[1], 'held-out triplets easy at this margin'), at(m[2], 'held-out triplets easy at this margin')],
    },
  ]);
});
