import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertQuotesBacked, quoteCount } from './quoted-numbers';
import { assertRanClean } from './tutorial-checks';
import { committed, execute, outputsOf, plain, type Notebook } from './run-tutorial';

const NAME = '06-your-own-data.ipynb';

function figures(nb: Notebook) {
  const text = outputsOf(nb).map(plain);
  const metrics = text.filter((t) => /mapAtR/.test(t)).map((t) => ({ p1: Number(/precisionAtOne: ([\d.]+)/.exec(t)![1]), mapAtR: Number(/mapAtR: ([\d.]+)/.exec(t)![1]) }));
  const difference = /saved and the loaded model: ([\d.e-]+)/.exec(text.join('\n'));
  const neighbours = /(\d+) of (\d+) neighbours are the query's shape/.exec(text.join('\n'));
  assert.equal(metrics.length, 2, 'raw measurements, then the trained MLP');
  assert.ok(difference && neighbours, 'the notebook compares the loaded model and queries new shapes');
  return { raw: metrics[0], trained: metrics[1], difference: Number(difference[1]), agree: Number(neighbours[1]) / Number(neighbours[2]) };
}

function checkRuns(nb: Notebook): void {
  assertRanClean(nb, NAME);
  const outputs = outputsOf(nb);
  assert.ok(outputs.filter((o) => o.data && 'image/png' in o.data).length >= 2, 'the images it read and the query results are pictures');
  assert.ok(outputs.some((o) => o.data && 'image/svg+xml' in o.data), 'the training views have SVG fallbacks');
  assert.match(outputs.map(plain).join('\n'), /200 images of cross, plus, ring, square/);
}

test('06-your-own-data runs (quick): reads its CSV and image folder, saves and reloads the model unchanged, queries new shapes', { timeout: 600_000 }, () => {
  const nb = execute(NAME, { TRIPLETLAB_QUICK: '1' });
  checkRuns(nb);
  const f = figures(nb);
  assert.equal(f.difference, 0, 'the loaded model predicts exactly what the saved one did');
  assert.ok(f.trained.mapAtR > f.raw.mapAtR, `trained ${JSON.stringify(f.trained)}, raw ${JSON.stringify(f.raw)}`);
  assert.ok(f.agree > 0.25, `neighbours of the query's shape: ${f.agree} (chance is 0.25)`);
});

test('06-your-own-data as committed: a full run whose figures the text quotes', () => {
  const nb = committed(NAME);
  checkRuns(nb);
  const f = figures(nb);
  assert.equal(f.difference, 0);
  assert.ok(f.trained.mapAtR > f.raw.mapAtR + 0.1 && f.agree >= 0.8, JSON.stringify(f));
  assert.ok(quoteCount(nb) >= 4, 'the closing text quotes the figures');
  assertQuotesBacked(nb, NAME);
});
