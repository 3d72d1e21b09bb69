import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { pca, pcaTransform, project } from '../../../../kernel/triplet/projections';
import { covariance } from '../../../../kernel/triplet/projections/covariance';
import { gaussianClusters } from '../../../../kernel/triplet/datasets';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what}: expected ${b}, got ${a}`);

test('pca recovers a known covariance: points ±5u and ±v', () => {
  // u = (3, 4, 0)/5, v = (4, −3, 0)/5 are orthonormal. Mean 0; covariance (2·25 uuᵀ + 2 vvᵀ) / 3,
  // so the eigenvalues are 50/3 (axis u) and 2/3 (axis v), and 0; ratios 50/52, 2/52.
  const u = [0.6, 0.8, 0];
  const v = [0.8, -0.6, 0];
  const rows = [u.map((x) => 5 * x), u.map((x) => -5 * x), v, v.map((x) => -x)];
  // Inputs are held as float32 (as embeddings are), hence tolerances of ~1e-6 relative.
  const r = pca(rows, { components: 2 });
  close(r.explainedVariance[0], 50 / 3, 1e-5, 'λ1');
  close(r.explainedVariance[1], 2 / 3, 1e-6, 'λ2');
  close(r.explainedVarianceRatio[0], 50 / 52, 1e-7, 'ratio 1');
  close(r.explainedVarianceRatio[1], 2 / 52, 1e-7, 'ratio 2');
  // Sign convention: the largest entry of each axis is positive.
  u.forEach((x, j) => close(r.components[j], x, 1e-6, `axis 1[${j}]`));
  v.forEach((x, j) => close(r.components[3 + j], x, 1e-6, `axis 2[${j}]`));
  [5, 0, -5, 0, 0, 1, 0, -1].forEach((want, i) => close(r.coords[i], want, 1e-5, `coords[${i}]`));
});

test('pca explained variance ratios are in [0, 1], descending, summing to ≤ 1, and match the coordinates', () => {
  const d = gaussianClusters({ classes: 5, perClass: 40, dims: 10, spread: 0.5, seed: 3 });
  const r = pca(d, { components: 3 });
  const sum = r.explainedVarianceRatio.reduce((a, b) => a + b, 0);
  assert.ok(sum <= 1 + 1e-12 && sum > 0.3, String(sum));
  assert.ok(r.explainedVarianceRatio[0] >= r.explainedVarianceRatio[1] && r.explainedVarianceRatio[1] >= r.explainedVarianceRatio[2]);
  for (let c = 0; c < 3; c++) {
    let mean = 0;
    for (let i = 0; i < r.n; i++) mean += r.coords[i * 3 + c] / r.n;
    let v = 0;
    for (let i = 0; i < r.n; i++) v += (r.coords[i * 3 + c] - mean) ** 2 / (r.n - 1);
    close(mean, 0, 1e-5, 'centred');
    close(v, r.explainedVariance[c], 1e-4 * r.explainedVariance[c], `variance of component ${c}`);
  }
  const again = pcaTransform(r, d);
  again.forEach((x, i) => close(x, r.coords[i], 1e-5, 'transform'));
  const full = pca(d, { components: 10 });
  close(full.explainedVarianceRatio.reduce((a, b) => a + b, 0), 1, 1e-9, 'all components');
});

test('pca accepts a tensor or a Float32Array with dims and leaves no tensors', () => {
  const rows = [[1, 2], [3, 5], [4, 4], [0, 1]];
  const t = tf.tensor2d(rows);
  const before = tf.memory().numTensors;
  const a = pca(t);
  assert.equal(tf.memory().numTensors, before);
  const b = pca(Float32Array.from(rows.flat()), { dims: 2 });
  assert.deepEqual(a.coords, b.coords);
  t.dispose();
  assert.throws(() => pca(Float32Array.from([1, 2, 3])), /pca: argument 'options.dims'/);
  assert.throws(() => pca(rows, { components: 3 }), /'options.components' is 3 but the data have 2 columns/);
});

test('covariance on the backend (large inputs) matches the Float64 path', () => {
  const d = gaussianClusters({ classes: 3, perClass: 30, dims: 6, seed: 2 });
  const m = { data: d.x, n: d.n, dims: d.dims };
  const js = covariance(m);
  const backend = covariance(m, 0);
  js.cov.forEach((v, i) => close(backend.cov[i], v, 1e-5, `cov[${i}]`));
});

test("project says plainly when a method cannot draw so few points", () => {
  assert.throws(() => project([[0, 1], [1, 0], [2, 2]], { method: 'umap' }), /project: argument 'x' has 3 points. UMAP needs at least 4 points; use method: 'pca'/);
  assert.equal(project([[0, 1], [1, 0], [2, 2]], { method: 'pca', dims: 2 }).dims, 2);
});
