import type { DistanceName } from '../distances/types';
import { finishHistograms, histogramFrame, type PairHistograms } from './histogram-frame';

export type { PairHistograms } from './histogram-frame';

/**
 * Float64 distance of rows i and j. Four partial sums: a single running sum makes every add wait
 * for the previous one, and the watch measures hundreds of thousands of pairs again per redraw.
 * Both histogram paths use this one function, so their float64 decisions agree exactly.
 */
export function dist(x: Float32Array, d: number, i: number, j: number, distance: DistanceName): number {
  const a0 = i * d;
  const b0 = j * d;
  const end = d - (d % 4);
  if (distance === 'cosine') {
    let s0 = 0, s1 = 0, p0 = 0, p1 = 0, q0 = 0, q1 = 0;
    let k = 0;
    for (; k < d - (d % 2); k += 2) {
      const a = x[a0 + k], b = x[b0 + k], c = x[a0 + k + 1], e = x[b0 + k + 1];
      s0 += a * b;
      s1 += c * e;
      p0 += a * a;
      p1 += c * c;
      q0 += b * b;
      q1 += e * e;
    }
    if (k < d) {
      const a = x[a0 + k], b = x[b0 + k];
      s0 += a * b;
      p0 += a * a;
      q0 += b * b;
    }
    return 1 - (s0 + s1) / Math.sqrt(Math.max((p0 + p1) * (q0 + q1), 1e-24));
  }
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k < end; k += 4) {
    const t0 = x[a0 + k] - x[b0 + k];
    const t1 = x[a0 + k + 1] - x[b0 + k + 1];
    const t2 = x[a0 + k + 2] - x[b0 + k + 2];
    const t3 = x[a0 + k + 3] - x[b0 + k + 3];
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  for (; k < d; k++) {
    const t = x[a0 + k] - x[b0 + k];
    s0 += t * t;
  }
  const s = s0 + s1 + (s2 + s3);
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
