import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DISTANCES_MIME, PLOTLY_MIME, PROJECTION_MIME, SVG_MIME, TEXT_MIME, TRAINING_MIME } from '../../../../contract/payloads';
import { distancesBundle, projectionBundle, trainingBundle, PLOTLY_FALLBACK_MAX_POINTS } from '../../../../kernel/triplet/render';
import { distances, training } from '../../../contract/payloads/fixtures';
import { clusteredProjection } from '../../../contract/render/fixtures';

const MIMES = (custom: string) => [custom, SVG_MIME, PLOTLY_MIME, TEXT_MIME].sort();

/** Bytes a display_data output adds to an .ipynb as nbformat writes it (JSON, indent 1, text split in lines). */
function notebookBytes(bundle: Record<string, unknown>): number {
  const data: Record<string, unknown> = {};
  for (const [mime, v] of Object.entries(bundle)) {
    data[mime] = typeof v === 'string' ? v.split(/(?<=\n)/) : v;
  }
  const output = { output_type: 'display_data', data, metadata: {} };
  return new TextEncoder().encode(JSON.stringify(output, null, 1).replace(/\n/g, '\n      ')).length;
}

test('each bundle has the custom MIME type and the three fallbacks', () => {
  assert.deepEqual(Object.keys(distancesBundle(distances())).sort(), MIMES(DISTANCES_MIME));
  assert.deepEqual(Object.keys(projectionBundle(clusteredProjection(20, 2))).sort(), MIMES(PROJECTION_MIME));
  assert.deepEqual(Object.keys(trainingBundle(training())).sort(), MIMES(TRAINING_MIME));
});

test('text/plain is one line with the key statistics', () => {
  const d = distancesBundle({ ...distances(), step: 40 })[TEXT_MIME] as string;
  assert.equal(d, 'distances (euclidean, margin 0.2, step 40): mean d(a,p) 0.4, mean d(a,n) 1.3, ROC AUC 0.930; triplets easy 70 (70%), semi-hard 20 (20%), hard 10 (10%)');
  const p = projectionBundle(clusteredProjection(5000, 2, { k: 3 }))[TEXT_MIME] as string;
  assert.equal(p, 'UMAP (min dist 0.1) projection to 2-d of 5,000 points, 10 labels, 3 nearest neighbours each');
  const t = trainingBundle(training())[TEXT_MIME] as string;
  assert.equal(t, 'training running: step 30/100 (30%), epoch 1/3, loss 0.45, easy 60%, semi-hard 30%, hard 10%, 4.2 s');
  for (const s of [d, p, t]) assert.doesNotMatch(s, /\n/);
});

test('bundles reject malformed payloads with the validator error', () => {
  assert.throws(() => distancesBundle({ ...distances(), positive: [1] }), /validateDistancesPayload: payload\.positive has 1 counts/);
  assert.throws(() => projectionBundle({ ...clusteredProjection(10, 2), count: 11 }), /decodes to 40 bytes, expected 44/);
  assert.throws(() => trainingBundle({ ...training(), status: 'x' as 'done' }), /validateTrainingPayload: payload\.status/);
});

test('plotly distances figure: overlaid bars with bin widths, band + margin shapes, counts in legend', () => {
  const fig = distancesBundle(distances())[PLOTLY_MIME] as { data: Record<string, unknown>[]; layout: Record<string, unknown> };
  const bars = fig.data.filter((t) => t.type === 'bar');
  assert.equal(bars.length, 2);
  assert.deepEqual(bars[0].x, [0.25, 0.75, 1.25, 1.75]);
  assert.deepEqual(bars[0].width, [0.5, 0.5, 0.5, 0.5]);
  assert.deepEqual(bars[0].y, [0.625, 0.313, 0.0625, 0]);
  assert.match(String(bars[0].name), /16 pairs/);
  const shapes = fig.layout.shapes as Record<string, unknown>[];
  assert.equal(shapes[0].x0, 0.4);
  assert.ok(Math.abs((shapes[1].x0 as number) - 0.6) < 1e-12);
  assert.equal(fig.layout.barmode, 'overlay');
});

test('plotly projection fallback subsamples large projections and says so', () => {
  const fig = projectionBundle(clusteredProjection(5000, 2))[PLOTLY_MIME] as { data: { x: { dtype: string; bdata: string } }[]; layout: { title: { text: string } } };
  const points = fig.data.reduce((s, t) => s + ((t.x.bdata.length / 4) * 3 - (t.x.bdata.match(/=/g)?.length ?? 0)) / 4, 0);
  assert.equal(points, PLOTLY_FALLBACK_MAX_POINTS);
  assert.match(fig.layout.title.text, /1,000 of 5,000 points shown/);
  const small = projectionBundle(clusteredProjection(100, 3))[PLOTLY_MIME] as { data: { type: string; z: unknown }[]; layout: { title: { text: string } } };
  assert.match(small.layout.title.text, /\(100 points\)/);
  assert.equal(small.data[0].type, 'scatter3d');
  assert.ok(small.data[0].z);
});

test('size budget: a 5,000-point 2-d projection adds ≤ 100 KB to the notebook, all MIME types together', () => {
  const bundle = projectionBundle(clusteredProjection(5000, 2));
  const bytes = notebookBytes(bundle);
  assert.ok(bytes <= 100_000, `${bytes} bytes`);
  const coords = (bundle[PROJECTION_MIME] as { coords: { data: string } }).coords.data.length;
  assert.ok(coords <= 27_000, `coords ${coords}`);
});

test('size: 5,000 points with 1 embedding-space neighbour each still fit the budget', () => {
  const bytes = notebookBytes(projectionBundle(clusteredProjection(5000, 2, { k: 1 })));
  assert.ok(bytes <= 100_000, `${bytes} bytes`);
});

test('training and distances bundles are small', () => {
  const loss = Array.from({ length: 500 }, (_, i) => 1 / (1 + i / 50));
  const t = trainingBundle({ ...training(), step: 5000, totalSteps: 10000, loss, lossSteps: loss.map((_, i) => i * 10) });
  assert.ok(notebookBytes(t) < 60_000, `${notebookBytes(t)}`);
  assert.ok(notebookBytes(distancesBundle(distances())) < 12_000);
});
