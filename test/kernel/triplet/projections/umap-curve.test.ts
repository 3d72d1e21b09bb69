import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitCurve } from '../../../../kernel/triplet/projections/umap-curve';

test('fitCurve gives umap-learn\'s a and b for its defaults and for min_dist 0.5', () => {
  // umap-learn 0.5 find_ab_params(1.0, 0.1) and (1.0, 0.5).
  const d = fitCurve(0.1, 1);
  assert.ok(Math.abs(d.a - 1.5769) < 2e-3 && Math.abs(d.b - 0.8951) < 2e-3, JSON.stringify(d));
  const w = fitCurve(0.5, 1);
  assert.ok(Math.abs(w.a - 0.5830) < 2e-3 && Math.abs(w.b - 1.3344) < 2e-3, JSON.stringify(w));
});
