import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nnDescent } from '../../../../kernel/triplet/projections';
import { gaussianClusters } from '../training/clusters';

/** Every distance measured: the k nearest other rows, nearest first. */
function bruteForce(x: Float32Array, n: number, d: number, k: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const dist: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let t = 0; t < d; t++) s += (x[i * d + t] - x[j * d + t]) ** 2;
      dist.push([s, j]);
    }
    dist.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    out.push(Int32Array.from(dist.slice(0, k), (e) => e[1]));
  }
  return out;
}

test('nnDescent finds at least 95% of the exact 14 nearest neighbours of 1,200 clustered points, never the point itself', () => {
  const d = 16;
  const { x } = gaussianClusters(8, 150, d, 0.8, 3);
  const n = 1200;
  const g = nnDescent(x, n, d, 14, { seed: 1 });
  const exact = bruteForce(x, n, d, 14);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const truth = new Set(exact[i]);
    for (let t = 0; t < 14; t++) {
      const j = g.indices[i * 14 + t];
      assert.notEqual(j, i);
      if (truth.has(j)) hits++;
      if (t > 0) assert.ok(g.distances[i * 14 + t] >= g.distances[i * 14 + t - 1], 'nearest first');
    }
  }
  assert.ok(hits / (n * 14) >= 0.95, `recall ${hits / (n * 14)}`);
});

test('nnDescent on a small set is exact, with Euclidean distances', () => {
  const d = 5;
  const { x } = gaussianClusters(3, 40, d, 0.5, 9);
  const n = 120;
  const g = nnDescent(x, n, d, 7);
  const exact = bruteForce(x, n, d, 7);
  for (let i = 0; i < n; i++) {
    assert.deepEqual(Array.from(g.indices.subarray(i * 7, i * 7 + 7)), Array.from(exact[i]));
    const j = exact[i][0];
    let s = 0;
    for (let t = 0; t < d; t++) s += (x[i * d + t] - x[j * d + t]) ** 2;
    assert.ok(Math.abs(g.distances[i * 7] - Math.sqrt(s)) < 1e-5);
  }
});
