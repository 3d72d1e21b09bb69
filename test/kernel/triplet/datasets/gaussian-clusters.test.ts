import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { gaussianClusters } from '../../../../kernel/triplet/datasets';

test('gaussianClusters is deterministic for a seed and differs across seeds', () => {
  const a = gaussianClusters({ classes: 3, perClass: 20, dims: 5, spread: 0.1, seed: 7 });
  const b = gaussianClusters({ classes: 3, perClass: 20, dims: 5, spread: 0.1, seed: 7 });
  const c = gaussianClusters({ classes: 3, perClass: 20, dims: 5, spread: 0.1, seed: 8 });
  assert.deepEqual(a.x, b.x);
  assert.deepEqual(a.labels, b.labels);
  assert.notDeepEqual(a.x, c.x);
  assert.equal(a.n, 60);
  assert.equal(a.dims, 5);
  assert.equal(a.x.length, 300);
  assert.deepEqual(a.labelNames, ['cluster 0', 'cluster 1', 'cluster 2']);
});

test('gaussianClusters has perClass samples per class, spread around distinct centres', () => {
  const d = gaussianClusters({ classes: 4, perClass: 200, dims: 3, spread: 0.05, seed: 1 });
  const counts = [0, 0, 0, 0];
  for (const l of d.labels) counts[l]++;
  assert.deepEqual(counts, [200, 200, 200, 200]);
  for (let c = 0; c < 4; c++) {
    const rows = [...d.labels.keys()].filter((i) => d.labels[i] === c);
    const mean = [0, 1, 2].map((j) => rows.reduce((s, i) => s + d.x[i * 3 + j], 0) / rows.length);
    const sd = Math.sqrt(rows.reduce((s, i) => s + [0, 1, 2].reduce((t, j) => t + (d.x[i * 3 + j] - mean[j]) ** 2, 0), 0) / (rows.length * 3));
    assert.ok(Math.abs(sd - 0.05) < 0.01, `class ${c} spread ${sd}`);
  }
  // shuffled: the first 20 samples are not all one class
  assert.ok(new Set(d.labels.subarray(0, 20)).size > 1);
});

test('toTensors gives [n, dims] float32 and int32 labels', () => {
  const d = gaussianClusters({ classes: 2, perClass: 3, dims: 4 });
  const { x, labels } = d.toTensors();
  assert.deepEqual(x.shape, [6, 4]);
  assert.equal(x.dtype, 'float32');
  assert.equal(labels.dtype, 'int32');
  assert.deepEqual(Array.from(labels.dataSync()), Array.from(d.labels));
  tf.dispose([x, labels]);
});

test('gaussianClusters rejects bad sizes naming the option', () => {
  assert.throws(() => gaussianClusters({ classes: 0 }), /gaussianClusters: argument 'options.classes' is 0/);
  assert.throws(() => gaussianClusters({ spread: -1 }), /'options.spread'/);
});
