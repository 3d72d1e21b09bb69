import * as tf from '@tensorflow/tfjs';
import type { TripletIndices, TripletStats } from './types';

export const EASY = 0;
export const SEMI_HARD = 1;
export const HARD = 2;

/** Which categories to return indices for; the stats always cover all of them. */
export interface CategoryKeep {
  easy?: boolean;
  semiHard?: boolean;
  hard?: boolean;
}

export interface TripletCategories extends TripletIndices {
  /** Category code (EASY, SEMI_HARD, HARD) of each returned triplet. */
  category: Uint8Array;
  stats: TripletStats;
}

/**
 * The single categorisation every margin-based miner shares (pytorch-metric-learning
 * TripletMarginMiner): with t = d(a,n) − d(a,p), a valid triplet (a ≠ p, same label; n of another
 * label) is easy when t > m, semi-hard when 0 < t ≤ m and hard when t ≤ 0. Counts cover every
 * valid triplet; indices are materialised only for the categories in `keep`, so the statistics of
 * a large batch cost no memory. `dist` is the n×n distance matrix (tensor or row-major array).
 */
export function categorizeTriplets(
  dist: tf.Tensor2D | ArrayLike<number>,
  labels: Int32Array,
  margin: number,
  keep: CategoryKeep = {},
): TripletCategories {
  const n = labels.length;
  const d = dist instanceof tf.Tensor ? (dist.dataSync() as Float32Array) : dist;
  const { positives, negatives } = groupByAnchor(labels);
  const want = [keep.easy === true, keep.semiHard === true, keep.hard === true];
  const counts = [0, 0, 0];
  let posSum = 0;
  let posCount = 0;
  let negSum = 0;
  let negCount = 0;
  for (let a = 0; a < n; a++) {
    for (const p of positives[a]) { posSum += d[a * n + p]; posCount++; }
    for (const q of negatives[a]) { negSum += d[a * n + q]; negCount++; }
  }
  const classify = (a: number, p: number, q: number): number => {
    const t = d[a * n + q] - d[a * n + p];
    return t > margin ? EASY : t > 0 ? SEMI_HARD : HARD;
  };
  countCategories(d, n, positives, negatives, margin, counts);
  const kept = (want[EASY] ? counts[EASY] : 0) + (want[SEMI_HARD] ? counts[SEMI_HARD] : 0) + (want[HARD] ? counts[HARD] : 0);
  const out: TripletCategories = {
    anchors: new Int32Array(kept),
    positives: new Int32Array(kept),
    negatives: new Int32Array(kept),
    category: new Uint8Array(kept),
    stats: {
      total: counts[0] + counts[1] + counts[2],
      easy: counts[EASY],
      semiHard: counts[SEMI_HARD],
      hard: counts[HARD],
      meanPositive: posCount ? posSum / posCount : 0,
      meanNegative: negCount ? negSum / negCount : 0,
    },
  };
  if (kept > 0) {
    let k = 0;
    for (let a = 0; a < n; a++) {
      for (const p of positives[a]) {
        for (const q of negatives[a]) {
          const c = classify(a, p, q);
          if (!want[c]) continue;
          out.anchors[k] = a;
          out.positives[k] = p;
          out.negatives[k] = q;
          out.category[k] = c;
          k++;
        }
      }
    }
  }
  return out;
}

/**
 * counts[EASY, SEMI_HARD, HARD] over every valid triplet without visiting each one: per anchor, its
 * negatives' distances sorted once, then per positive two binary searches. t = d(a,n) − d(a,p) is
 * non-decreasing in d(a,n) (rounding is monotonic), so each category is a contiguous run of the
 * sorted negatives and the counts equal those of classifying every triplet with the same
 * comparisons. O(n·P·log n) instead of O(n·P·N): 215,000 triplets a step at P×K 8×16.
 */
function countCategories(d: ArrayLike<number>, n: number, positives: number[][], negatives: number[][], margin: number, counts: number[]): void {
  const sorted = new Float64Array(n);
  // First index i of the sorted run with sorted[i] − dp > threshold (the run's length if none).
  const firstAbove = (len: number, dp: number, threshold: number): number => {
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] - dp > threshold) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  for (let a = 0; a < n; a++) {
    const negs = negatives[a];
    const m = negs.length;
    for (let i = 0; i < m; i++) sorted[i] = d[a * n + negs[i]];
    sorted.subarray(0, m).sort();
    for (const p of positives[a]) {
      const dp = d[a * n + p];
      const aboveZero = firstAbove(m, dp, 0);
      const aboveMargin = firstAbove(m, dp, margin);
      counts[HARD] += aboveZero;
      counts[SEMI_HARD] += aboveMargin - aboveZero;
      counts[EASY] += m - aboveMargin;
    }
  }
}

/** For each anchor, the other indices with its label (positives) and with another label (negatives). */
export function groupByAnchor(labels: Int32Array): { positives: number[][]; negatives: number[][] } {
  const n = labels.length;
  const byLabel = new Map<number, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l);
    if (list) list.push(i);
    else byLabel.set(l, [i]);
  });
  const positives: number[][] = [];
  const negatives: number[][] = [];
  for (let a = 0; a < n; a++) {
    const same = byLabel.get(labels[a]) as number[];
    positives.push(same.filter((i) => i !== a));
    // Sized up front: growing ~n arrays of ~n entries by push took ~100 ms at n = 576 (a batch
    // joined with a cross-batch memory), filling preallocated ones ~1 ms.
    const neg = new Array<number>(n - same.length);
    let k = 0;
    for (let i = 0; i < n; i++) if (labels[i] !== labels[a]) neg[k++] = i;
    negatives.push(neg);
  }
  return { positives, negatives };
}
