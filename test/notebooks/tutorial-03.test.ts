import assert from 'node:assert/strict';
import { test } from 'node:test';
import { committed, execute, markdownOf, outputsOf, plain, type Notebook } from './run-tutorial';
import { assertQuotedNumbers, assertRanClean, num, rowOf, tableOf, type Row } from './tutorial-checks';

const NAME = '03-mining-strategies.ipynb';
const STRATEGIES = ['all', 'semi-hard', 'batch-hard', 'distance-weighted', 'semi-hard → batch-hard'];
const DISTANCES_MIME = 'application/vnd.tripletlab.distances+json';

/** The text summary of the histogram titled `title` (triplet.show's display). */
function histogramSummary(nb: Notebook, title: string): string {
  const text = outputsOf(nb).filter((o) => o.data && DISTANCES_MIME in o.data).map(plain).find((t) => t.startsWith(`${title}:`));
  assert.ok(text, `a histogram titled "${title}"`);
  return text;
}
const rocAuc = (summary: string) => num(/ROC AUC ([\d.]+)/.exec(summary)![1]);

/** What a reader can check in any run, quick or full. */
function assertSensible(nb: Notebook): { results: Row[] } {
  assertRanClean(nb, NAME);
  const results = tableOf(nb, 'mining');
  const raw = rowOf(results, 'raw pixels');
  for (const name of STRATEGIES) {
    const r = rowOf(results, name);
    if (name !== 'batch-hard') {
      assert.ok(num(r['MAP@R']) > num(raw['MAP@R']) + 0.15, `${name} retrieves better than raw pixels: ${r['MAP@R']} against ${raw['MAP@R']}`);
    }
  }
  // The training views side by side: one picture holding the five, each captioned with its mining.
  const panels = outputsOf(nb).map((o) => String(o.data?.['image/svg+xml'] ?? '')).find((svg) => /training views of the five/.test(svg));
  assert.ok(panels, 'the training views side by side');
  assert.equal(panels.match(/<svg x=/g)?.length, 5, 'five training views');
  for (const name of STRATEGIES) assert.ok(panels.includes(`>${name}</text>`), `a view captioned ${name}`);
  histogramSummary(nb, 'held-out digits, batch-hard from the start');
  histogramSummary(nb, 'held-out digits, semi-hard then batch-hard');
  return { results };
}

test(`${NAME} runs headless (quick) and its figures are sensible`, { timeout: 600_000 }, () => {
  assertSensible(execute(NAME, { TRIPLETLAB_QUICK: '1' }));
});

test(`${NAME}: the committed outputs come from a full run, show the collapse they describe, and every number the text quotes is the one beside it`, () => {
  const nb = committed(NAME);
  const { results } = assertSensible(nb);
  assert.ok(outputsOf(nb).some((o) => /400 training steps per strategy/.test(plain(o))), 'a full run (400 steps per strategy)');
  const at = (name: string, column: string) => num(rowOf(results, name)[column]);
  // The collapse the text explains: batch-hard's distances near 0 and its loss at the margin (0.2); the other runs keep classes apart.
  assert.ok(at('batch-hard', 'mean d(a,n)') < 0.1 && Math.abs(at('batch-hard', 'loss, last 50 steps') - 0.2) < 0.01, 'batch-hard collapsed');
  for (const name of STRATEGIES.filter((s) => s !== 'batch-hard')) assert.ok(at(name, 'mean d(a,n)') > 1, `${name} did not collapse`);
  const mapAtR = STRATEGIES.map((s) => at(s, 'MAP@R'));
  const time = STRATEGIES.map((s) => at(s, 'time'));
  assert.equal(Math.max(...time), at('all', 'time'), 'all triplets is the slowest, as the text says');
  const collapsed = histogramSummary(nb, 'held-out digits, batch-hard from the start');
  const healthy = histogramSummary(nb, 'held-out digits, semi-hard then batch-hard');
  assertQuotedNumbers(markdownOf(nb), [
    { what: "raw pixels' MAP@R", pattern: /raw pixels' \*\*[\d.]+\*\*/, values: () => [at('raw pixels', 'MAP@R')] },
    {
      what: 'the best run, the schedule',
      pattern: /The schedule comes out best \(precision@1 \*\*[\d.]+\*\*, MAP@R \*\*[\d.]+\*\*\)/,
      values: () => {
        assert.equal(Math.max(...mapAtR), at('semi-hard → batch-hard', 'MAP@R'), 'the schedule has the best MAP@R');
        return [at('semi-hard → batch-hard', 'P@1'), at('semi-hard → batch-hard', 'MAP@R')];
      },
    },
    ...(['distance-weighted sampling close behind', 'then semi-hard', 'and all triplets'] as const).map((words, i) => ({
      what: `the scores of ${words}`,
      pattern: new RegExp(`${words} \\(\\*\\*[\\d.]+\\*\\*, \\*\\*[\\d.]+\\*\\*\\)`),
      values: () => [at(['distance-weighted', 'semi-hard', 'all'][i], 'P@1'), at(['distance-weighted', 'semi-hard', 'all'][i], 'MAP@R')],
    })),
    { what: "batch-hard's MAP@R", pattern: /with MAP@R \*\*[\d.]+\*\*, and its distances/, values: () => [at('batch-hard', 'MAP@R')] },
    {
      what: "batch-hard's mean distances",
      pattern: /same class are \*\*[\d.]+\*\* apart on average and digits of different classes \*\*[\d.]+\*\*/,
      values: () => [at('batch-hard', 'mean d(a,p)'), at('batch-hard', 'mean d(a,n)')],
    },
    {
      what: "batch-hard's loss and semi-hard share at the end",
      pattern: /last 50 steps is \*\*[\d.]+\*\*, the margin, and \*\*[\d.]+ %\*\* of its batches' triplets are semi-hard/,
      values: () => [at('batch-hard', 'loss, last 50 steps'), at('batch-hard', 'semi-hard triplets, last 50 steps')],
    },
    { what: "batch-hard's precision@1", pattern: /which is why precision@1 is still \*\*[\d.]+\*\*/, values: () => [at('batch-hard', 'P@1')] },
    {
      what: 'the ROC AUC of the two histograms',
      pattern: /\*\*[\d.]+\*\* for the batch-hard run below, against \*\*[\d.]+\*\* for the schedule/,
      values: () => [rocAuc(collapsed), rocAuc(healthy)],
    },
  ]);
});
