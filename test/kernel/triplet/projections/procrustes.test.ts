import { test } from 'node:test';
import assert from 'node:assert/strict';
import { procrustesAlign } from '../../../../kernel/triplet/projections';

function points(n: number, k: number, seed: number): number[][] {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 4 - 2;
  return Array.from({ length: n }, () => Array.from({ length: k }, rnd));
}

function assertOrthogonal(R: Float64Array, k: number): void {
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let dot = 0;
      for (let r = 0; r < k; r++) dot += R[r * k + a] * R[r * k + b];
      assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-9, 'RᵀR = I');
    }
  }
}

test('procrustesAlign undoes a rotation, a reflection and a shift in 2-d', () => {
  const previous = points(50, 2, 1);
  const t = 0.7;
  // current = previous rotated by t, mirrored in x, shifted: what a new PCA of the same model may give.
  const current = previous.map(([x, y]) => [-(Math.cos(t) * x - Math.sin(t) * y) + 3, Math.sin(t) * x + Math.cos(t) * y - 1]);
  const r = procrustesAlign(current, previous);
  assert.ok(r.rmsBefore > 1);
  assert.ok(r.rmsAfter < 1e-6, String(r.rmsAfter));
  previous.flat().forEach((v, i) => assert.ok(Math.abs(r.coords[i] - v) < 1e-5));
  assertOrthogonal(r.rotation, 2);
});

test('procrustesAlign recovers a 3-d rotation and keeps scale', () => {
  const previous = points(40, 3, 2);
  const [a, b] = [0.4, -1.1];
  const Rz = [[Math.cos(a), -Math.sin(a), 0], [Math.sin(a), Math.cos(a), 0], [0, 0, 1]];
  const Rx = [[1, 0, 0], [0, Math.cos(b), -Math.sin(b)], [0, Math.sin(b), Math.cos(b)]];
  const apply = (M: number[][], p: number[]) => M.map((row) => row[0] * p[0] + row[1] * p[1] + row[2] * p[2]);
  const current = previous.map((p) => apply(Rx, apply(Rz, p)));
  const r = procrustesAlign(current, previous);
  assert.ok(r.rmsAfter < 1e-6, String(r.rmsAfter));
  assertOrthogonal(r.rotation, 3);
  // A scaled copy is rotated back but not rescaled: the residual is the scale difference.
  const scaled = procrustesAlign(current.map((p) => p.map((x) => 2 * x)), previous);
  assert.ok(scaled.rmsAfter > 0.5);
});

test('procrustesAlign stays orthogonal on degenerate (collinear) points', () => {
  const previous = [[0, 0], [1, 1], [2, 2], [3, 3]];
  const current = [[0, 0], [-1, 1], [-2, 2], [-3, 3]];
  const r = procrustesAlign(current, previous);
  assertOrthogonal(r.rotation, 2);
  assert.ok(r.rmsAfter < 1e-9);
});

test('procrustesAlign needs the same points on both sides', () => {
  assert.throws(() => procrustesAlign([[0, 1], [1, 0]], [[0, 1]]), /procrustesAlign: argument 'previous' is 1 × 2 but current is 2 × 2/);
});
