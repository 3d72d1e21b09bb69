import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertQuotesBacked, quoteCount } from './quoted-numbers';
import { assertRanClean } from './tutorial-checks';
import { committed, execute, outputsOf, plain, type Notebook } from './run-tutorial';

const NAME = '05-many-identities.ipynb';

/** The last results table the notebook displayed: one row per way of drawing batches. */
function results(nb: Notebook): Map<string, { p1: number; mapAtR: number; hard: number; seconds: number }> {
  const tables = outputsOf(nb).map(plain).filter((t) => t.startsWith('| batches |'));
  assert.ok(tables.length > 0, 'the notebook shows its results table');
  const rows = tables.at(-1)!.split('\n').slice(2).map((line) => line.split('|').slice(1, -1).map((s) => s.trim()));
  return new Map(rows.map(([name, p1, mapAtR, hard, seconds]) => [name, { p1: +p1, mapAtR: +mapAtR, hard: +hard, seconds: +seconds }]));
}

function familyMates(nb: Notebook): { randomPK: number; subspace: number } {
  const shown = outputsOf(nb).map(plain).find((t) => /randomPK: [\d.]+/.test(t));
  assert.ok(shown, 'the notebook counts family members in batches');
  return { randomPK: Number(/randomPK: ([\d.]+)/.exec(shown)![1]), subspace: Number(/subspace: ([\d.]+)/.exec(shown)![1]) };
}

function checkRuns(nb: Notebook): void {
  assertRanClean(nb, NAME);
  const outputs = outputsOf(nb);
  assert.ok(outputs.some((o) => o.data && 'image/svg+xml' in o.data), 'the training views have SVG fallbacks');
}

test('05-many-identities runs (quick): subspace batches hold more look-alikes and more hard triplets than random P×K', { timeout: 600_000 }, () => {
  const nb = execute(NAME, { TRIPLETLAB_QUICK: '1' });
  checkRuns(nb);
  const mates = familyMates(nb);
  assert.ok(mates.subspace > 2 * mates.randomPK, `family members in a batch: subspace ${mates.subspace}, random ${mates.randomPK}`);
  const rows = results(nb);
  assert.equal(rows.size, 3, [...rows.keys()].join(', '));
  const random = rows.get('random P×K')!;
  const subspaces = rows.get('subspaces')!;
  assert.ok(subspaces.hard >= random.hard, `hard triplets found: subspaces ${subspaces.hard}, random ${random.hard}`);
  for (const [name, r] of rows) assert.ok(r.p1 > 0 && r.p1 <= 1 && r.mapAtR > 0 && r.mapAtR <= 1 && r.seconds > 0, `${name}: ${JSON.stringify(r)}`);
});

test('05-many-identities as committed: a full run where subspaces beat random P×K, and the text quotes its outputs', () => {
  const nb = committed(NAME);
  checkRuns(nb);
  assert.match(outputsOf(nb).map(plain).join('\n'), /10000 identities × 4 samples/, 'the committed outputs come from the full run');
  const rows = results(nb);
  const random = rows.get('random P×K')!;
  const subspaces = rows.get('subspaces')!;
  assert.ok(subspaces.mapAtR > random.mapAtR + 0.1 && subspaces.hard > 2 * random.hard, `subspaces ${JSON.stringify(subspaces)}, random ${JSON.stringify(random)}`);
  assert.ok(quoteCount(nb) >= 6, 'the closing text quotes the figures');
  assertQuotesBacked(nb, NAME);
});
