import { rocAucFromHistograms } from '../metrics/roc-auc-from-histograms';
import type { BinnedDistances, TripletCategories } from '../../../contract/payloads';

export interface PairCountOptions {
  margin: number;
  bins: number;
  /** Bins cover [0, upper); larger distances go to the last bin. */
  upper: number;
  /** At most about this many pairs are counted: all anchors, or evenly spaced ones when n² exceeds it. */
  maxPairs: number;
}

export interface PairHistograms extends BinnedDistances {
  triplets: TripletCategories;
  meanPositive: number;
  meanNegative: number;
  rocAuc: number;
  /** Anchors whose rows were counted (all n unless capped by maxPairs). */
  anchors: number;
}

/**
 * The watch's histograms of anchor-positive and anchor-negative distances and its triplet
 * categories (FaceNet §3.2 at `margin`: per positive p of an anchor, hard = #{n: d_an ≤ d_ap},
 * semi-hard = #{d_ap < d_an ≤ d_ap + m}, the rest easy), counted from the rows of a float32
 * distance matrix (`blockDistances`), one anchor row at a time.
 *
 * Exact enough for a histogram, not exact in float64: each count is exact for the float32
 * entries it reads, and an entry differs from the float64 distance by the rounding of the float32
 * Gram formula, |Δ(d²)| ≤ (dims + 8)·2⁻²²·(‖a‖ + ‖b‖)² (Higham, Accuracy and Stability, §3.1; ~2e-5
 * of the squared diameter at 64 dims; for cosine, 1 − cos = d²/2 of the unit rows). So a pair's bin differs from that of its float64 distance
 * only when that distance lies within this rounding of a bin edge, and a triplet's category only
 * when d_an lies within the two pairs' rounding of d_ap or d_ap + m (tested by brute force).
 *
 * Rows are counted with `countRow`; with every anchor counted, each pair is binned once (j > i),
 * with anchors capped by `maxPairs`, every pair of the anchor's row is. Triplets are ordered
 * (anchor, positive, negative) in both cases. Per row, the negatives are sorted into fine value
 * cells (a counting sort) and each positive reads its two counts off its thresholds' cells:
 * O(n) per row, not a sort.
 */
export class PairCounter {
  /** Anchor rows counted: all n, or evenly spaced ones when n² exceeds `maxPairs`. */
  readonly anchors: number;
  private readonly stride: number;
  /** Cells per bin are 2^shift, so a value's bin is its cell >> shift (exactly: see cellOf). */
  private readonly shift: number;
  private readonly cells: number;
  private readonly cellScale: number;
  private readonly positive: Float64Array;
  private readonly negative: Float64Array;
  private readonly triplets: TripletCategories = { easy: 0, semiHard: 0, hard: 0 };
  private posSum = 0;
  private posN = 0;
  private negSum = 0;
  private negN = 0;
  private readonly posV: Float32Array;
  private readonly negV: Float32Array;
  private readonly negCell: Int32Array;
  /** The current row's negatives by cell: sorted[start[c] .. start[c + 1]). */
  private readonly start: Int32Array;
  private readonly sorted: Float32Array;
  /** sortedIn[c] === row: cell c of the current row is in ascending order (see atMost). */
  private readonly sortedIn: Int32Array;
  private row = 0;

  constructor(
    private readonly n: number,
    private readonly labels: Int32Array,
    private readonly options: PairCountOptions,
  ) {
    const { bins, upper, maxPairs } = options;
    this.anchors = Math.max(1, Math.min(n, Math.floor(maxPairs / Math.max(n, 1))));
    this.stride = n / this.anchors;
    // About one cell per POINTS_PER_CELL points: a cell holds a few negatives of a row, and the
    // per-row pass over the cells stays shorter than the row.
    let shift = 0;
    while ((bins << shift) * POINTS_PER_CELL < n && shift < 16) shift++;
    this.shift = shift;
    this.cells = bins << shift;
    this.cellScale = (bins / upper) * 2 ** shift;
    this.positive = new Float64Array(bins);
    this.negative = new Float64Array(bins);
    this.posV = new Float32Array(n);
    this.negV = new Float32Array(n);
    this.negCell = new Int32Array(n);
    this.start = new Int32Array(this.cells + 2);
    this.sorted = new Float32Array(n);
    this.sortedIn = new Int32Array(this.cells).fill(-1);
  }

  /** The matrix row of anchor t (t < anchors); rows in between are not counted. */
  anchorRow(t: number): number {
    return Math.floor(t * this.stride);
  }

  /** Counts the distances `row[j]` from point i to every point j (row[i] is skipped). */
  countRow(row: Float32Array, i: number): void {
    const { n, labels, positive, negative, posV, negV, negCell, start, sorted, shift, cells, cellScale } = this;
    // With every anchor counted, pair (i, j) is binned from row min(i, j) only.
    const binFrom = this.anchors === n ? i + 1 : 0;
    const li = labels[i];
    const last = cells - 1;
    start.fill(0);
    let np = 0;
    let nn = 0;
    let posSum = 0;
    let negSum = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = row[j];
      // cellOf(v), written out: this loop runs n times per anchor row.
      const s = v * cellScale;
      const c = s < cells ? (s > 0 ? s | 0 : 0) : last;
      if (labels[j] === li) {
        posV[np++] = v;
        posSum += v;
        if (j >= binFrom) positive[c >> shift]++;
      } else {
        negV[nn] = v;
        negCell[nn++] = c;
        negSum += v;
        start[c + 2]++;
        if (j >= binFrom) negative[c >> shift]++;
      }
    }
    this.posSum += posSum;
    this.posN += np;
    this.negSum += negSum;
    this.negN += nn;
    if (np === 0 || nn === 0) return;
    for (let c = 2; c < start.length; c++) start[c] += start[c - 1];
    // start[c + 1] is where cell c begins; placing moves it to where c ends, that is where c + 1 begins.
    for (let q = 0; q < nn; q++) sorted[start[negCell[q] + 1]++] = negV[q];
    this.row++;
    const { margin } = this.options;
    let hard = 0;
    let upTo = 0;
    for (let k = 0; k < np; k++) {
      hard += this.atMost(posV[k]);
      upTo += this.atMost(posV[k] + margin);
    }
    this.triplets.hard += hard;
    this.triplets.semiHard += upTo - hard;
    this.triplets.easy += np * nn - upTo;
  }

  finish(): PairHistograms {
    const { upper, bins } = this.options;
    const positive = Array.from(this.positive);
    const negative = Array.from(this.negative);
    return {
      binEdges: Array.from({ length: bins + 1 }, (_, b) => (upper * b) / bins),
      positive,
      negative,
      triplets: this.triplets,
      meanPositive: this.posN ? this.posSum / this.posN : 0,
      meanNegative: this.negN ? this.negSum / this.negN : 0,
      rocAuc: rocAucFromHistograms(positive, negative),
      anchors: this.anchors,
    };
  }

  /**
   * Cell of a distance: ⌊v · bins / upper · 2^shift⌋, below 0 (1 − cos rounding) cell 0, beyond
   * the range the last. Monotone in v; and as scaling by 2^shift is exact, cell >> shift is
   * ⌊v · bins / upper⌋, the bin.
   */
  private cellOf(v: number): number {
    const s = v * this.cellScale;
    return s < this.cells ? (s > 0 ? s | 0 : 0) : this.cells - 1;
  }

  /**
   * #{negatives of the current row ≤ t}, exactly: those in earlier cells than t's are below t,
   * those in later ones above it (cells are monotone), and t's own cell is compared. A crowded
   * cell (a model that maps many points close together) is sorted once and searched.
   */
  private atMost(t: number): number {
    const { start, sorted } = this;
    const c = this.cellOf(t);
    const from = start[c];
    const to = start[c + 1];
    if (to - from <= CROWDED) {
      let count = from;
      for (let s = from; s < to; s++) if (sorted[s] <= t) count++;
      return count;
    }
    if (this.sortedIn[c] !== this.row) {
      sorted.subarray(from, to).sort();
      this.sortedIn[c] = this.row;
    }
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const POINTS_PER_CELL = 1;
/** Above this many negatives in one cell, the cell is sorted and searched instead of scanned. */
const CROWDED = 32;
