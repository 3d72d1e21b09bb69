import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ready } from '../../../../kernel/triplet/backend';
import type { DistanceName } from '../../../../kernel/triplet/distances/types';
import { blockDistances, referenceOperands } from '../../../../kernel/triplet/metrics/block-distances';
import { createRandom } from '../../../../kernel/triplet/samplers/random';
import { dist } from '../brute-force';

before(async () => {
  await ready();
});

test('blockDistances agrees with float64 brute force up to float32 rounding', () => {
  const next = createRandom(12345).next;
  const rand = () => next() - 0.5;
  const rows = 37;
  const nr = 211;
  const d = 19;
  const q = Float32Array.from({ length: rows * d }, rand);
  const r = Float32Array.from({ length: nr * d }, rand);
  r.set(q.subarray(0, d), 5 * d); // one reference equal to query 0: a distance of 0, where relative error is largest
  for (const distance of ['euclidean', 'squared-euclidean', 'cosine'] as DistanceName[]) {
    const ref = referenceOperands(r, nr, d, distance);
    try {
      const got = blockDistances(q, rows, d, ref, distance);
      const row = (x: Float32Array, i: number) => Array.from(x.subarray(i * d, (i + 1) * d));
      let worst = 0;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < nr; j++) {
          const a = row(q, i);
          const b = row(r, j);
          const want = dist(a, b, distance);
          // ‖a‖² + ‖b‖² − 2a·b in float32: each term rounds at 2⁻²⁴ relative, the d-term product
          // accumulates d roundings, so |Δd²| ≤ (d + 8)·2⁻²⁴·(‖a‖ + ‖b‖)² (unit rows for cosine).
          const scale = distance === 'cosine' ? 4 : (Math.hypot(...a) + Math.hypot(...b)) ** 2;
          const sqError = (d + 8) * 2 ** -24 * scale;
          const error = distance === 'euclidean' ? Math.sqrt(sqError) : sqError;
          const off = Math.abs(got[i * nr + j] - want);
          worst = Math.max(worst, off / error);
          assert.ok(off <= error, `${distance} (${i}, ${j}): ${got[i * nr + j]} against ${want}, beyond the float32 bound ${error}`);
        }
      }
      assert.ok(worst > 0, 'the check compared float32 against float64 values');
      const out = new Float32Array(rows * nr);
      assert.equal(blockDistances(q, rows, d, ref, distance, out), out, 'writes into a buffer of the right size');
    } finally {
      ref.refT.dispose();
    }
  }
});
