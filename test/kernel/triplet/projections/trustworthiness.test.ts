import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../../../../kernel/triplet/backend';
import { trustworthiness } from '../../../../kernel/triplet/projections';
import { gaussianClusters } from '../training/clusters';

before(async () => {
  await ready();
});

/** Venna & Kaski's formula with every rank computed by sorting whole rows (scikit-learn's way). */
function bruteForce(x: Float32Array, d: number, y: Float32Array, e: number, n: number, k: number): number {
  const order = (z: Float32Array, w: number, i: number) => {
    const rows: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let t = 0; t < w; t++) s += (z[i * w + t] - z[j * w + t]) ** 2;
      rows.push([s, j]);
    }
    return rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((r) => r[1]);
  };
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    const high = order(x, d, i);
    const rank = new Map(high.map((j, r) => [j, r + 1]));
    for (const j of order(y, e, i).slice(0, k)) penalty += Math.max(0, rank.get(j)! - k);
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}

test('trustworthiness matches the formula with brute-force ranks', () => {
  const n = 90;
  const { x } = gaussianClusters(3, 30, 6, 1.0, 5);
  // A poor projection: two of the six coordinates.
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    y[2 * i] = x[i * 6 + 4];
    y[2 * i + 1] = x[i * 6 + 5];
  }
  for (const k of [1, 5, 10]) {
    const ours = trustworthiness({ x, n, dims: 6 }, { x: y, n, dims: 2 }, { k });
    const truth = bruteForce(x, 6, y, 2, n, k);
    assert.ok(Math.abs(ours - truth) < 1e-9, `k=${k}: ${ours} vs ${truth}`);
    assert.ok(ours < 1);
  }
});

test('a projection that keeps every distance is fully trustworthy; a shuffled one is not', () => {
  const n = 60;
  const { x } = gaussianClusters(2, 30, 2, 1.0, 2);
  assert.equal(trustworthiness({ x, n, dims: 2 }, { x, n, dims: 2 }), 1);
  const shuffled = new Float32Array(x);
  for (let i = 0; i < n; i++) shuffled.set(x.subarray(((i * 7) % n) * 2, ((i * 7) % n) * 2 + 2), i * 2);
  assert.ok(trustworthiness({ x, n, dims: 2 }, { x: shuffled, n, dims: 2 }) < 0.8);
});

test('trustworthiness names a bad k or mismatched rows', () => {
  const { x } = gaussianClusters(2, 10, 3, 1.0, 2);
  assert.throws(() => trustworthiness({ x, n: 20, dims: 3 }, { x: new Float32Array(38), n: 19, dims: 2 }), /trustworthiness: argument 'projected' has 19 rows for 20 original points/);
  assert.throws(() => trustworthiness({ x, n: 20, dims: 3 }, { x: new Float32Array(40), n: 20, dims: 2 }, { k: 10 }), /argument 'options.k' is 10 for 20 points/);
});
