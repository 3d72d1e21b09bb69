import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestNeighbors } from '../../../../kernel/triplet/projections';
import { gaussianClusters } from '../../../../kernel/triplet/datasets';

test('nearestNeighbors equals brute force in embedding space, self excluded', () => {
  const d = gaussianClusters({ classes: 3, perClass: 30, dims: 8, spread: 0.4, seed: 5 });
  const k = 6;
  const r = nearestNeighbors(d, k);
  assert.equal(r.indices.length, d.n * k);
  for (let i = 0; i < d.n; i++) {
    const dist = Array.from({ length: d.n }, (_, j) => {
      let s = 0;
      for (let c = 0; c < d.dims; c++) s += (d.x[i * d.dims + c] - d.x[j * d.dims + c]) ** 2;
      return Math.sqrt(s);
    });
    const want = dist.map((_, j) => j).filter((j) => j !== i).sort((a, b) => dist[a] - dist[b] || a - b).slice(0, k);
    assert.deepEqual(Array.from(r.indices.subarray(i * k, i * k + k)), want, `point ${i}`);
    want.forEach((j, t) => assert.ok(Math.abs(r.distances[i * k + t] - dist[j]) < 1e-4));
  }
});

test('nearestNeighbors rejects k outside 1 … n − 1', () => {
  assert.throws(() => nearestNeighbors([[0], [1], [2]], 3), /nearestNeighbors: argument 'k' is 3 for 3 points/);
  assert.throws(() => nearestNeighbors([[0], [1]], 0), /argument 'k' is 0/);
});
