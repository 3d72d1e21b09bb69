import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/paths';
import { assertQuotesBacked, quoteCount } from './quoted-numbers';
import { assertRanClean } from './tutorial-checks';
import { committed, execute, markdownOf, plain } from './run-tutorial';

// The tutorials people share: each must run top to bottom headless, as `tripletlab run` does.
const notebooks = readdirSync(join(repoRoot(), 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();

test('there are tutorials to run', () => assert.ok(notebooks.length >= 2, notebooks.join(', ')));

test('00-hello runs and shows rich output', { timeout: 600_000 }, () => {
  const nb = execute('00-hello.ipynb');
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
  assert.ok(outputs.every((o) => o.output_type !== 'error'));
  assert.ok(outputs.some((o) => o.data && 'text/html' in o.data));
  assert.ok(outputs.some((o) => o.data && 'image/svg+xml' in o.data));
});

test('01-triplet-mnist trains an embedding that retrieves better than raw pixels, with the watch plots', { timeout: 600_000 }, () => {
  const nb = execute('01-triplet-mnist.ipynb');
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
  const metrics = outputs
    .filter((o) => o.output_type === 'execute_result' && /mapAtR/.test(plain(o)))
    .map((o) => Number(/mapAtR: ([\d.]+)/.exec(plain(o))![1]));
  assert.ok(metrics.length >= 3, `expected raw, after-training and final metrics, got ${metrics}`);
  const [raw, , final] = metrics;
  assert.ok(final > raw + 0.3, `MAP@R should improve well beyond raw pixels: raw ${raw}, trained ${final}`);
  const mimes = new Set(outputs.flatMap((o) => Object.keys(o.data ?? {})));
  for (const m of ['application/vnd.tripletlab.distances+json', 'application/vnd.tripletlab.projection+json', 'application/vnd.tripletlab.training+json', 'image/svg+xml', 'application/vnd.plotly.v1+json']) {
    assert.ok(mimes.has(m), `missing ${m}`);
  }
});

test('04-cnn-on-digits trains a CNN on the default backend that retrieves well, and shows its neighbours', { timeout: 600_000 }, () => {
  const nb = execute('04-cnn-on-digits.ipynb');
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
  assertRanClean(nb, '04-cnn-on-digits');
  const metrics = outputs
    .filter((o) => o.output_type === 'execute_result' && /mapAtR/.test(plain(o)))
    .map((o) => ({ p1: Number(/precisionAtOne: ([\d.]+)/.exec(plain(o))![1]), mapAtR: Number(/mapAtR: ([\d.]+)/.exec(plain(o))![1]) }));
  assert.equal(metrics.length, 2, 'raw pixels, then the trained CNN');
  const [raw, trained] = metrics;
  assert.ok(trained.p1 >= 0.95 && trained.mapAtR > raw.mapAtR + 0.4, `CNN ${JSON.stringify(trained)} against raw pixels ${JSON.stringify(raw)}`);
  assert.ok(outputs.some((o) => o.data && 'image/png' in o.data), 'the retrieval examples are an image');
  assert.match(outputs.map(plain).join("\n"), /backend: (wasm|tensorflow)/);
  // The run reproduces the figures the committed text quotes (exactly as committed: the test below).
  const quoted = /\*\*([\d.]+)\*\* of the held-out digits \(precision@1\) with a MAP@R of \*\*([\d.]+)\*\*/.exec(markdownOf(nb));
  assert.ok(quoted, 'the closing text quotes precision@1 and MAP@R');
  assert.ok(Math.abs(Number(quoted[1]) - trained.p1) < 0.006 && Math.abs(Number(quoted[2]) - trained.mapAtR) < 0.006, `quoted ${quoted[1]} / ${quoted[2]}, printed ${trained.p1} / ${trained.mapAtR}`);
});

test('00, 01 and 04 as committed: every figure their text quotes in bold is one their outputs print, and an edited quote is caught', () => {
  for (const name of ['00-hello.ipynb', '01-triplet-mnist.ipynb', '04-cnn-on-digits.ipynb']) {
    const nb = committed(name);
    assertQuotesBacked(nb, name);
  }
  assert.ok(quoteCount(committed('04-cnn-on-digits.ipynb')) >= 2);
});
