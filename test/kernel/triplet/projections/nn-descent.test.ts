import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nnDescent } from '../../../../kernel/triplet/projections';
import { createRandom } from '../../../../kernel/triplet/samplers';
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

/** Recall of g against exact lists. */
function recall(g: { indices: Int32Array; k: number }, exact: Int32Array[]): number {
  let hits = 0;
  exact.forEach((truth, i) => {
    const set = new Set(truth);
    for (let t = 0; t < g.k; t++) if (set.has(g.indices[i * g.k + t])) hits++;
  });
  return hits / (exact.length * g.k);
}

/** The same points, each coordinate moved by up to `share` of the data's spread (seeded). */
function moved(x: Float32Array, share: number, seed: number): Float32Array {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
  let lo = Infinity, hi = -Infinity;
  for (const v of x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return Float32Array.from(x, (v) => v + (next() * 2 - 1) * share * (hi - lo));
}

test('nnDescent resumed from the lists of slightly moved points finds what a cold search finds', () => {
  const d = 16;
  const n = 1200;
  const { x } = gaussianClusters(8, 150, d, 0.8, 3);
  const before = nnDescent(x, n, d, 14, { seed: 1 });
  const after = moved(x, 0.02, 5);
  const exact = bruteForce(after, n, d, 14);
  const cold = recall(nnDescent(after, n, d, 14, { seed: 2 }), exact);
  const resumed = recall(nnDescent(after, n, d, 14, { seed: 2, init: before }), exact);
  assert.ok(recall(before, exact) < resumed, 'the old lists are not already the answer');
  assert.ok(resumed >= cold - 0.01, `resumed ${resumed} against cold ${cold}`);
});

test('nnDescent resumed from stale lists (the points moved far) falls back to a cold seeding, even allowed one join', () => {
  const d = 16;
  const n = 1200;
  const { x } = gaussianClusters(8, 150, d, 0.8, 3);
  const exact = bruteForce(x, n, d, 14);
  // Lists whose members are shuffled: each row holds 14 points unrelated to the row and to each other.
  const other = nnDescent(x, n, d, 14, { seed: 1 });
  const perm = createRandom(9).shuffle(Array.from({ length: n }, (_, i) => i));
  const stale = Int32Array.from(other.indices, (j, t) => (perm[j] === Math.floor(t / 14) ? perm[(j + 1) % n] : perm[j]));
  assert.ok(recall({ indices: stale, k: 14 }, exact) < 0.05);
  const r = recall(nnDescent(x, n, d, 14, { seed: 2, init: { indices: stale, k: 14 }, iterations: 3, resumedJoins: 1 }), exact);
  assert.ok(r >= 0.9, `recall ${r}`);
});
