import type { DistanceName } from '../distances/types';
import { EntryBounds, rowNorms } from './distance-matrix';
import { BucketIndex } from './bucket-index';
import { finishHistograms, histogramFrame, type PairHistograms } from './histogram-frame';
import { dist } from './pair-histograms';
import { ID_SCALE } from '../metrics/select-k';


/**
 * `pairHistograms` read off a float32 distance matrix: same anchors, same bins, same triplet
 * categories. Each entry is within `EntryBounds` of the float64 distance `pairHistograms` measures,
 * so a pair is measured again in float64 only where that radius straddles a bin edge or a triplet
 * comparison; counts are exact, means differ by float32 rounding (~1e-6 relative).
 */
export function pairHistogramsFromMatrix(
  values: Float32Array,
  x: Float32Array,
  n: number,
  d: number,
  labels: Int32Array,
  options: { distance: DistanceName; margin: number; bins: number; upper: number; maxPairs: number },
): PairHistograms {
  const { distance, margin, bins, upper, maxPairs } = options;
  const f = histogramFrame(n, bins, upper, maxPairs);
  const { positive, negative, triplets, anchors, stride, bin } = f;
  let posSum = 0;
  let posN = 0;
  let negSum = 0;
  let negN = 0;
  const norms = rowNorms(x, n, d);
  let maxNorm = 0;
  for (let i = 0; i < n; i++) maxNorm = Math.max(maxNorm, norms[i]);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const keys = new Float64Array(n);
  const negIdx = new Int32Array(n);
  const negLow = new Float64Array(n);
  const negHigh = new Float64Array(n);
  const posIdx = new Int32Array(n);
  const posLow = new Float64Array(n);
  const posHigh = new Float64Array(n);
  const posExact = new Float64Array(n);
  for (let t = 0; t < anchors; t++) {
    const i = Math.floor(t * stride);
    const base = i * n;
    const bounds = new EntryBounds(distance, d, norms[i], maxNorm);
    let np = 0;
    let nn = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = values[base + j];
      const lo = bounds.lower(v);
      const hi = bounds.upper(v);
      const same = labels[j] === labels[i];
      if (same) {
        // Native sort of exact keys (float32 bits, then id): non-negative floats order as their bits.
        keys[np++] = (v > 0 ? bits[base + j] : 0) * ID_SCALE + j;
        posSum += v;
      } else {
        negIdx[nn] = j;
        negLow[nn] = lo;
        negHigh[nn++] = hi;
        negSum += v;
      }
      if (anchors === n ? j > i : true) {
        let b = bin(lo);
        if (b !== bin(hi)) b = bin(dist(x, d, i, j, distance));
        (same ? positive : negative)[b]++;
      }
    }
    posN += np;
    negN += nn;
    // Sorting the positives (one class) is cheaper than sorting the negatives (all the others):
    // hard = Σ_p #{n: d_an ≤ d_ap} = Σ_n #{p: d_ap ≥ d_an}, and likewise at the margin.
    const sorted = keys.subarray(0, np).sort();
    for (let k = 0; k < np; k++) {
      const j = sorted[k] % ID_SCALE;
      posIdx[k] = j;
      posLow[k] = bounds.lower(values[base + j]);
      posHigh[k] = bounds.upper(values[base + j]);
      posExact[k] = NaN;
    }
    const low = posLow.subarray(0, np);
    const high = posHigh.subarray(0, np);
    const atOrAbove = new BucketIndex(low);
    const exactAp = (k: number) => (Number.isNaN(posExact[k]) ? (posExact[k] = dist(x, d, i, posIdx[k], distance)) : posExact[k]);
    let hard = 0;
    let upTo = 0;
    for (let q = 0; q < nn; q++) {
      const lo = negLow[q];
      const hi = negHigh[q];
      let an = NaN;
      // Positives [from, to) have bounds overlapping the negative's and may order either way in
      // float64: measure those again. Both bound arrays are sorted and high ≥ low, so from ≤ to.
      let to = atOrAbove.countBelow(hi);
      let from = to;
      while (from > 0 && high[from - 1] >= lo) from--;
      hard += np - to;
      for (let k = from; k < to; k++) {
        if (Number.isNaN(an)) an = dist(x, d, i, negIdx[q], distance);
        if (an <= exactAp(k)) hard++;
      }
      const slack = 1e-12 * (1 + Math.abs(hi) + Math.abs(margin));
      to = atOrAbove.countBelow(hi - margin + slack);
      from = to;
      while (from > 0 && high[from - 1] >= lo - margin - slack) from--;
      upTo += np - to;
      for (let k = from; k < to; k++) {
        if (Number.isNaN(an)) an = dist(x, d, i, negIdx[q], distance);
        if (an <= exactAp(k) + margin) upTo++;
      }
    }
    triplets.hard += hard;
    triplets.semiHard += upTo - hard;
    triplets.easy += np * nn - upTo;
  }
  f.posSum = posSum;
  f.posN = posN;
  f.negSum = negSum;
  f.negN = negN;
  return finishHistograms(f);
}
