import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzySimplicialSet } from '../../../../kernel/triplet/projections/fuzzy-simplicial-set';
import { nnDescent } from '../../../../kernel/triplet/projections';
import { gaussianClusters } from '../training/clusters';

/**
 * UMAP's fuzzy set written out on an n × n matrix: σᵢ by bisection to 1e-9 on
 * Σⱼ exp(−(dᵢⱼ − ρᵢ)/σᵢ) = log₂(k + 1), directed memberships, then w = a + b − ab.
 */
function dense(indices: Int32Array, distances: Float32Array, n: number, k: number): Float64Array {
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = Array.from(distances.subarray(i * k, i * k + k));
    const rho = row.find((v) => v > 0) ?? 0;
    const sum = (s: number) => row.reduce((acc, v) => acc + (v - rho > 0 ? Math.exp(-(v - rho) / s) : 1), 0);
    let lo = 0, hi = 1e6;
    for (let it = 0; it < 200; it++) {
      const mid = (lo + hi) / 2;
      if (sum(mid) > Math.log2(k + 1)) hi = mid; else lo = mid;
    }
    for (let t = 0; t < k; t++) w[i * n + indices[i * k + t]] = Math.exp(-Math.max(0, row[t] - rho) / lo);
  }
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u[i * n + j] = w[i * n + j] + w[j * n + i] - w[i * n + j] * w[j * n + i];
  return u;
}

test('fuzzySimplicialSet gives each neighbour pair once per direction with the dense formula\'s weight', () => {
  const n = 300, d = 8, k = 9;
  const { x } = gaussianClusters(5, 60, d, 0.7, 4);
  const g = nnDescent(x, n, d, k);
  const { heads, tails, weights } = fuzzySimplicialSet(g, n);
  const want = dense(g.indices, g.distances, n, k);
  const seen = new Set<number>();
  for (let e = 0; e < heads.length; e++) {
    const key = heads[e] * n + tails[e];
    assert.ok(!seen.has(key), `edge ${heads[e]}→${tails[e]} twice`);
    seen.add(key);
    assert.ok(Math.abs(weights[e] - want[key]) < 1e-4, `w(${heads[e]}, ${tails[e]}) = ${weights[e]}, dense ${want[key]}`);
  }
  let pairs = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (want[i * n + j] > 0) {
    pairs++;
    assert.ok(seen.has(i * n + j), `missing ${i}→${j}`);
  }
  assert.equal(heads.length, pairs);
});
