import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ready } from '../../../../kernel/triplet/backend';
import type { DistanceName } from '../../../../kernel/triplet/distances/types';
import { chunkedKnn } from '../../../../kernel/triplet/metrics';
import { blockDistances, referenceOperands } from '../../../../kernel/triplet/metrics/block-distances';
import { createRandom } from '../../../../kernel/triplet/samplers/random';
import { dist } from '../brute-force';
import { measureProbe, type MeasureOptions } from '../../../../kernel/triplet/watch/measure-probe';
import type { PairHistograms } from '../../../../kernel/triplet/watch/pair-counts';

/** Clustered points on a coarse grid, with repeated rows: many equal distances, some on bin edges. */
function gridProbe(n: number, d: number, classes: number, seed: number): { x: Float32Array; labels: Int32Array } {
  const rand = createRandom(seed).next;
  const x = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(rand() * classes);
    if (i > 0 && rand() < 0.1) {
      const j = Math.floor(rand() * i);
      x.set(x.subarray(j * d, (j + 1) * d), i * d);
      continue;
    }
    for (let k = 0; k < d; k++) x[i * d + k] = Math.round((labels[i] * 0.3 + (rand() - 0.5) * 2) * 8) / 8;
  }
  return { x, labels };
}

/**
 * Where a float32 entry of pair (i, j) can lie around the float64 distance D: the rounding bound
 * that pair-counts.ts states, (d + 8)·2⁻²²·(‖a‖ + ‖b‖)² on the squared distance (norm 1 for
 * cosine's unit rows), and 2⁻²² relative for the final float32 roundings.
 */
function f32Range(rows: number[][], i: number, j: number, distance: DistanceName): [number, number] {
  const d = rows[i].length;
  const D = dist(rows[i], rows[j], distance);
  const e = (d + 8) * 2 ** -22 * (distance === 'cosine' ? 4 : (Math.hypot(...rows[i]) + Math.hypot(...rows[j])) ** 2);
  const last = 2 ** -22 * D;
  if (distance === 'euclidean') return [Math.sqrt(Math.max(0, D * D - e)) - last, Math.sqrt(D * D + e) + last];
  return [D - e - last, D + e + last];
}

/**
 * Checks measured histograms and triplet categories against float64 brute force: every count
 * lies between what is sure in float64 and what float32 rounding may add near an edge or a
 * comparison. Returns how many pairs and triplets were uncertain, so a test can see that the
 * check was not vacuous.
 */
function checkAgainstFloat64(got: PairHistograms, x: Float32Array, n: number, d: number, labels: Int32Array, o: MeasureOptions): { pairs: number; uncertainPairs: number; triplets: number; uncertainTriplets: number } {
  const bins = o.bins;
  const binOf = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor((v / o.upper) * bins)));
  const anchors = Math.max(1, Math.min(n, Math.floor(o.maxPairs / n)));
  const sure = { positive: new Array<number>(bins).fill(0), negative: new Array<number>(bins).fill(0) };
  const maybe = { positive: new Array<number>(bins).fill(0), negative: new Array<number>(bins).fill(0) };
  let pairs = 0, uncertainPairs = 0, triplets = 0, uncertainTriplets = 0;
  const t = { hardSure: 0, hardMaybe: 0, upToSure: 0, upToMaybe: 0 };
  let posSum = 0, posN = 0, negSum = 0, negN = 0;
  const rows = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
  for (let a = 0; a < anchors; a++) {
    const i = Math.floor((a * n) / anchors);
    const pos: [number, number][] = [];
    const neg: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const range = f32Range(rows, i, j, o.distance);
      const same = labels[j] === labels[i];
      (same ? pos : neg).push(range);
      const D = dist(rows[i], rows[j], o.distance);
      if (same) (posSum += D), posN++;
      else (negSum += D), negN++;
      if (anchors === n && j < i) continue;
      pairs++;
      const [lo, hi] = [binOf(range[0]), binOf(range[1])];
      const side = same ? 'positive' : 'negative';
      if (lo === hi) sure[side][lo]++;
      else {
        uncertainPairs++;
        for (let b = lo; b <= hi; b++) maybe[side][b]++;
      }
    }
    for (const [apLo, apHi] of pos) {
      for (const [anLo, anHi] of neg) {
        triplets++;
        // hard: d_an ≤ d_ap; within margin: d_an ≤ d_ap + m.
        if (anHi < apLo) t.hardSure++;
        else if (anLo <= apHi) t.hardMaybe++;
        if (anHi < apLo + o.margin) t.upToSure++;
        else if (anLo <= apHi + o.margin) t.upToMaybe++;
        if (!(anHi < apLo || anLo > apHi) || !(anHi < apLo + o.margin || anLo > apHi + o.margin)) uncertainTriplets++;
      }
    }
  }
  for (const side of ['positive', 'negative'] as const) {
    for (let b = 0; b < bins; b++) {
      assert.ok(got[side][b] >= sure[side][b] && got[side][b] <= sure[side][b] + maybe[side][b], `${side} bin ${b}: ${got[side][b]} outside [${sure[side][b]}, ${sure[side][b] + maybe[side][b]}]`);
    }
  }
  const total = (h: number[]) => h.reduce((s, v) => s + v, 0);
  assert.equal(total(got.positive) + total(got.negative), pairs);
  const { easy, semiHard, hard } = got.triplets;
  assert.equal(easy + semiHard + hard, triplets);
  assert.ok(hard >= t.hardSure && hard <= t.hardSure + t.hardMaybe, `hard ${hard} outside [${t.hardSure}, ${t.hardSure + t.hardMaybe}]`);
  assert.ok(hard + semiHard >= t.upToSure && hard + semiHard <= t.upToSure + t.upToMaybe, `hard + semi-hard ${hard + semiHard} outside [${t.upToSure}, ${t.upToSure + t.upToMaybe}]`);
  assert.equal(got.anchors, anchors);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.abs(b) + 1e-4;
  assert.ok(close(got.meanPositive, posSum / posN), `mean positive ${got.meanPositive} against ${posSum / posN}`);
  assert.ok(close(got.meanNegative, negSum / negN), `mean negative ${got.meanNegative} against ${negSum / negN}`);
  return { pairs, uncertainPairs, triplets, uncertainTriplets };
}

/** The counts done the obvious way on the very float32 entries that measureProbe reads. */
function naiveCounts(x: Float32Array, n: number, d: number, labels: Int32Array, o: MeasureOptions) {
  const ref = referenceOperands(x, n, d, o.distance);
  const m = blockDistances(x, n, d, ref, o.distance);
  ref.refT.dispose();
  const positive = new Array<number>(o.bins).fill(0);
  const negative = new Array<number>(o.bins).fill(0);
  const triplets = { easy: 0, semiHard: 0, hard: 0 };
  const anchors = Math.max(1, Math.min(n, Math.floor(o.maxPairs / n)));
  for (let a = 0; a < anchors; a++) {
    const i = Math.floor((a * n) / anchors);
    for (let j = 0; j < n; j++) {
      if (j === i || (anchors === n && j < i)) continue;
      const b = Math.min(o.bins - 1, Math.max(0, Math.floor(m[i * n + j] * (o.bins / o.upper))));
      (labels[j] === labels[i] ? positive : negative)[b]++;
    }
    for (let p = 0; p < n; p++) {
      if (p === i || labels[p] !== labels[i]) continue;
      for (let q = 0; q < n; q++) {
        if (labels[q] === labels[i]) continue;
        const ap = m[i * n + p], an = m[i * n + q];
        if (an <= ap) triplets.hard++;
        else if (an <= ap + o.margin) triplets.semiHard++;
        else triplets.easy++;
      }
    }
  }
  return { positive, negative, triplets };
}

before(async () => {
  await ready();
});

const cases: [DistanceName, number, number][] = [
  ['euclidean', 0.2, 1e9],
  ['euclidean', 0.5, 20_000],
  ['squared-euclidean', 1, 1e9],
  ['cosine', 0.1, 1e9],
];
const upperFor = (distance: DistanceName) => (distance === 'cosine' ? 2 : distance === 'euclidean' ? 8 : 64);

describe('measureProbe: histograms and triplet categories', () => {
  for (const [distance, margin, maxPairs] of cases) {
    test(`agree with float64 brute force up to float32 rounding near edges (${distance}, margin ${margin}, maxPairs ${maxPairs})`, () => {
      for (const seed of [1, 2]) {
        const n = 300;
        const d = 12;
        const { x, labels } = gridProbe(n, d, 4, seed);
        const o: MeasureOptions = { distance, margin, bins: 40, upper: upperFor(distance), maxPairs, k: 0 };
        const seen = checkAgainstFloat64(measureProbe(x, n, d, labels, o).histograms, x, n, d, labels, o);
        // The tolerance must stay small for the check to mean anything.
        assert.ok(seen.uncertainPairs <= 0.02 * seen.pairs, `${seen.uncertainPairs} of ${seen.pairs} pairs uncertain`);
        assert.ok(seen.uncertainTriplets <= 0.05 * seen.triplets, `${seen.uncertainTriplets} of ${seen.triplets} triplets uncertain`);
      }
    });

    test(`are exact for the float32 distances read, in one block or several (${distance}, margin ${margin}, maxPairs ${maxPairs})`, () => {
      const n = 203;
      const d = 7;
      const { x, labels } = gridProbe(n, d, 5, 3);
      const o: MeasureOptions = { distance, margin, bins: 25, upper: upperFor(distance), maxPairs, k: 3 };
      const want = naiveCounts(x, n, d, labels, o);
      const one = measureProbe(x, n, d, labels, o);
      assert.deepEqual({ positive: one.histograms.positive, negative: one.histograms.negative, triplets: one.histograms.triplets }, want);
      assert.equal(one.matrix?.length, n * n, 'one block holds the whole matrix');
      const several = measureProbe(x, n, d, labels, { ...o, blockFloats: 11 * n });
      assert.equal(several.matrix, undefined);
      assert.deepEqual(several.histograms, one.histograms);
      assert.deepEqual(several.knn, one.knn);
    });
  }

  test('a nearly collapsed probe, most distances within one histogram cell, counts exactly', () => {
    // What a collapsed model gives: points a hair apart, and one far away setting the range.
    const n = 180;
    const d = 4;
    const rand = createRandom(5).next;
    const x = Float32Array.from({ length: n * d }, () => 1 + (rand() - 0.5) * 1e-3);
    x.fill(50, 0, d);
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    for (const distance of ['euclidean', 'squared-euclidean'] as DistanceName[]) {
      const o: MeasureOptions = { distance, margin: 2e-4, bins: 40, upper: distance === 'euclidean' ? 100 : 10_000, maxPairs: 1e9, k: 0 };
      const got = measureProbe(x, n, d, labels, o).histograms;
      assert.ok(got.positive[0] + got.negative[0] > 0.95 * (n * (n - 1)) / 2, 'the distances crowd into the first bin');
      assert.ok(got.triplets.semiHard > 0 && got.triplets.easy > 0 && got.triplets.hard > 0, 'all three categories occur within the crowded bin');
      assert.deepEqual({ positive: got.positive, negative: got.negative, triplets: got.triplets }, naiveCounts(x, n, d, labels, o));
    }
  });

  test('a hand-made probe: triplet categories as counted by hand, rows whose negatives are all equal', () => {
    // Points 0, 1 and 0.5 each see both negatives (3 and 3) at one distance; margin 1.
    const x = Float32Array.from([0, 1, 3, 3, 0.5]);
    const labels = Int32Array.from([0, 0, 1, 1, 0]);
    const h = measureProbe(x, 5, 1, labels, { distance: 'euclidean', margin: 1, bins: 8, upper: 4, maxPairs: 1e6, k: 1 }).histograms;
    // Ordered (anchor, positive, negative): d_an − d_ap > 1 easy, in (0, 1] semi-hard, ≤ 0 hard.
    const want = { easy: 0, semiHard: 0, hard: 0 };
    for (let a = 0; a < 5; a++) for (let p = 0; p < 5; p++) for (let q = 0; q < 5; q++) {
      if (a === p || labels[p] !== labels[a] || labels[q] === labels[a]) continue;
      const t = Math.abs(x[q] - x[a]) - Math.abs(x[p] - x[a]);
      if (t > 1) want.easy++;
      else if (t > 0) want.semiHard++;
      else want.hard++;
    }
    assert.deepEqual(h.triplets, want);
    // Pairs once each, bins of width 0.5: positives 0–1 (1), 0–0.5 and 1–0.5 (0.5), 3–3 (0).
    assert.deepEqual(h.positive, [1, 2, 1, 0, 0, 0, 0, 0]);
    assert.deepEqual(h.negative, [0, 0, 0, 0, 2, 2, 2, 0]);
  });
});

describe('measureProbe: neighbours', () => {
  for (const distance of ['euclidean', 'squared-euclidean', 'cosine'] as DistanceName[]) {
    test(`equal chunkedKnn's, in one block or several (${distance})`, () => {
      const n = 257;
      const d = 9;
      const { x, labels } = gridProbe(n, d, 3, 7);
      const m = { data: x, n, dims: d };
      for (const k of [1, 5, 16, 20]) {
        const want = chunkedKnn(m, m, { k, distance, excludeSelf: true }).indices;
        const o: MeasureOptions = { distance, margin: 0.1, bins: 10, upper: upperFor(distance), maxPairs: 1e9, k };
        assert.deepEqual(measureProbe(x, n, d, labels, o).knn?.indices, want);
        assert.deepEqual(measureProbe(x, n, d, labels, { ...o, blockFloats: 30 * n }).knn?.indices, want);
      }
    });
  }

  test('a buffer passed back is written again, not reallocated', () => {
    const { x, labels } = gridProbe(50, 4, 2, 9);
    const o: MeasureOptions = { distance: 'euclidean', margin: 0.1, bins: 10, upper: 8, maxPairs: 1e9, k: 2 };
    const first = measureProbe(x, 50, 4, labels, o);
    assert.equal(measureProbe(x, 50, 4, labels, o, first.block).block, first.block);
  });
});
