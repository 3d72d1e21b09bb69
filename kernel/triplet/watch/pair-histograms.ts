import type { DistanceName } from '../distances/types';
import { finishHistograms, histogramFrame, type PairHistograms } from './histogram-frame';

export type { PairHistograms } from './histogram-frame';

export function dist(x: Float32Array, d: number, i: number, j: number, distance: DistanceName): number {
  let s = 0;
  if (distance === 'cosine') {
    let ni = 0;
    let nj = 0;
    for (let k = 0; k < d; k++) {
      const a = x[i * d + k];
      const b = x[j * d + k];
      s += a * b;
      ni += a * a;
      nj += b * b;
    }
    return 1 - s / Math.sqrt(Math.max(ni * nj, 1e-24));
  }
  for (let k = 0; k < d; k++) {
    const t = x[i * d + k] - x[j * d + k];
    s += t * t;
  }
  return distance === 'squared-euclidean' ? s : Math.sqrt(s);
}

/** Count of sorted values ≤ v (upper bound) or < v (strict). */
export function countBelow(sorted: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? sorted[mid] < v : sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pre-binned anchor-positive and anchor-negative distances of a probe set, one anchor row at a time
 * so memory stays O(n), never O(n²). Triplet categories (FaceNet §3.2, at `margin`) are counted
 * exactly per anchor by sorting its negative distances: for each positive p, hard = #{n: d_an ≤ d_ap},
 * semi-hard = #{d_ap < d_an ≤ d_ap + m}, the rest easy. At most `maxPairs` anchor rows × n pairs
 * are measured; beyond that, anchors are taken evenly spaced. Pairs are counted once (i < j) in the
 * histograms, as ordered triplets in the categories.
 */
export function pairHistograms(
  x: Float32Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: { distance: DistanceName; margin: number; bins: number; upper: number; maxPairs: number },
): PairHistograms {
  const { distance, margin, bins, upper, maxPairs } = options;
  const f = histogramFrame(n, bins, upper, maxPairs);
  const { positive, negative, triplets, anchors, stride, bin } = f;
  for (let t = 0; t < anchors; t++) {
    const i = Math.floor(t * stride);
    const pos: number[] = [];
    const neg: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = dist(x, d, i, j, distance);
      if (labels[j] === labels[i]) {
        pos.push(v);
        if (anchors === n ? j > i : true) positive[bin(v)]++;
      } else {
        neg.push(v);
        if (anchors === n ? j > i : true) negative[bin(v)]++;
      }
    }
    for (const v of pos) f.posSum += v;
    for (const v of neg) f.negSum += v;
    f.posN += pos.length;
    f.negN += neg.length;
    const sortedNeg = Float64Array.from(neg).sort();
    for (const ap of pos) {
      const hard = countBelow(sortedNeg, ap, false);
      const upTo = countBelow(sortedNeg, ap + margin, false);
      triplets.hard += hard;
      triplets.semiHard += upTo - hard;
      triplets.easy += sortedNeg.length - upTo;
    }
  }
  return finishHistograms(f);
}
