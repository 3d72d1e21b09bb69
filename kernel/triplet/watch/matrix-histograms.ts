import type { DistanceName } from '../distances/types';
import { rowNorms } from '../distances/row-norms';
import { EntryBounds } from './entry-bounds';
import { finishHistograms, histogramFrame, type HistogramFrame, type PairHistograms } from './histogram-frame';
import { dist } from './pair-histograms';

/** Cells per anchor row that its negatives are sorted into for the triplet counts. */
const CELLS = 1024;

export interface MatrixHistogramOptions {
  distance: DistanceName;
  margin: number;
  bins: number;
  upper: number;
  maxPairs: number;
}

/** What a snapshot's histograms are read from; every array may live in shared memory. */
export interface MatrixInput {
  values: Float32Array;
  x: Float32Array;
  n: number;
  d: number;
  labels: Int32Array;
  options: MatrixHistogramOptions;
}

/**
 * Partial counts over some anchor rows, flat so a worker thread can fill them in shared memory:
 * [positive × bins, negative × bins, easy, semiHard, hard, posSum, posN, negSum, negN].
 */
export function countsLength(bins: number): number {
  return 2 * bins + 7;
}

/**
 * `pairHistograms` read off a float32 distance matrix: same anchors, same bins, same triplet
 * categories. Each entry lies within `EntryBounds` of the float64 distance `pairHistograms`
 * measures; a pair is measured again in float64 only where that radius straddles a bin edge or a
 * triplet comparison, so counts are exact and means differ by float32 rounding (~1e-6 relative).
 */
export function pairHistogramsFromMatrix(values: Float32Array, x: Float32Array, n: number, d: number, labels: Int32Array, options: MatrixHistogramOptions): PairHistograms {
  const counter = new MatrixRowCounter({ values, x, n, d, labels, options });
  const counts = new Float64Array(countsLength(options.bins));
  counter.countRows(0, counter.anchors, counts);
  return counter.finish([counts]);
}

/**
 * Counts anchor rows of a distance matrix into partial counts; rows can be split between threads
 * and the partial counts added (`finish`). Per anchor row, everything is decided on the float32
 * entries against thresholds worked out once per row (`EntryBounds.surelyBelow/surelyAbove`):
 * - bins: an entry strictly inside its bin's thresholds is in that bin for sure;
 * - triplets: each positive asks two questions of the row's negatives, #{n: d_an ≤ d_ap} (hard) and
 *   #{n: d_an ≤ d_ap + m}; the negatives are placed in cells by value and answered per cell
 *   (`ThresholdTable`), exactly where an entry falls between "surely" and "surely not".
 *   hard = Σ_p #{n: d_an ≤ d_ap} is the same total `pairHistograms` counts per negative.
 */
export class MatrixRowCounter {
  readonly anchors: number;
  private readonly frame: HistogramFrame;
  private readonly norms: Float64Array;
  private readonly maxNorm: number;
  private readonly binLow: Float64Array;
  private readonly binHigh: Float64Array;
  private readonly posIdx: Int32Array;
  private readonly posV: Float32Array;
  private readonly negIdx: Int32Array;
  private readonly negV: Float32Array;
  private readonly apExact: Float64Array;
  private readonly anExact: Float64Array;
  private readonly hardSure: Float64Array;
  private readonly hardUnsure: Float64Array;
  private readonly marginSure: Float64Array;
  private readonly marginUnsure: Float64Array;
  private readonly hardTable: ThresholdTable;
  private readonly marginTable: ThresholdTable;

  constructor(private readonly input: MatrixInput) {
    const { x, n, d, options } = input;
    this.frame = histogramFrame(n, options.bins, options.upper, options.maxPairs);
    this.anchors = this.frame.anchors;
    this.norms = rowNorms(x, n, d);
    let maxNorm = 0;
    for (let i = 0; i < n; i++) maxNorm = Math.max(maxNorm, this.norms[i]);
    this.maxNorm = maxNorm;
    this.binLow = new Float64Array(options.bins);
    this.binHigh = new Float64Array(options.bins);
    this.posIdx = new Int32Array(n);
    this.posV = new Float32Array(n);
    this.negIdx = new Int32Array(n);
    this.negV = new Float32Array(n);
    this.apExact = new Float64Array(n);
    this.anExact = new Float64Array(n);
    this.hardSure = new Float64Array(n);
    this.hardUnsure = new Float64Array(n);
    this.marginSure = new Float64Array(n);
    this.marginUnsure = new Float64Array(n);
    this.hardTable = new ThresholdTable(n);
    this.marginTable = new ThresholdTable(n);
  }

  /** Adds anchor rows [from, to) (anchor numbers, not matrix rows) to `counts` (see countsLength). */
  countRows(from: number, to: number, counts: Float64Array): void {
    for (let t = from; t < to; t++) this.countRow(Math.floor(t * this.frame.stride), counts);
  }

  /** Histograms from the partial counts of every anchor row. */
  finish(parts: Float64Array[]): PairHistograms {
    const f = this.frame;
    const bins = f.positive.length;
    for (const c of parts) {
      for (let b = 0; b < bins; b++) {
        f.positive[b] += c[b];
        f.negative[b] += c[bins + b];
      }
      const o = 2 * bins;
      f.triplets.easy += c[o];
      f.triplets.semiHard += c[o + 1];
      f.triplets.hard += c[o + 2];
      f.posSum += c[o + 3];
      f.posN += c[o + 4];
      f.negSum += c[o + 5];
      f.negN += c[o + 6];
    }
    return finishHistograms(f);
  }

  private countRow(i: number, counts: Float64Array): void {
    const { values, x, n, d, labels, options } = this.input;
    const { distance, margin, bins, upper } = options;
    const { binLow, binHigh, posIdx, posV, negIdx, negV, apExact, anExact, hardSure, hardUnsure, marginSure, marginUnsure, hardTable, marginTable } = this;
    const { bin } = this.frame;
    const o = 2 * bins;
    const base = i * n;
    const li = labels[i];
    const bounds = new EntryBounds(distance, d, this.norms[i], this.maxNorm);
    // Bin b holds the entries with binLow[b] < v < binHigh[b] for sure. bin() floors
    // (v / upper) · bins; keeping δ away from an edge covers that rounding.
    const delta = 1e-12 * (1 + Math.abs(upper));
    const scale = bins / upper;
    for (let b = 0; b < bins; b++) {
      binLow[b] = b === 0 ? -Infinity : bounds.surelyAbove((upper * b) / bins + delta);
      binHigh[b] = b === bins - 1 ? Infinity : bounds.surelyBelow((upper * (b + 1)) / bins - delta);
    }
    let np = 0;
    let nn = 0;
    let posSum = 0;
    let negSum = 0;
    let vmin = Infinity;
    let vmax = -Infinity;
    const every = this.anchors !== n;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const v = values[base + j];
      const same = labels[j] === li;
      if (same) {
        posIdx[np] = j;
        posV[np++] = v;
        posSum += v;
      } else {
        negIdx[nn] = j;
        negV[nn++] = v;
        negSum += v;
        if (v < vmin) vmin = v;
        if (v > vmax) vmax = v;
      }
      if (every || j > i) {
        let b = Math.floor(v * scale);
        b = b >= 0 ? (b < bins ? b : bins - 1) : 0;
        if (!(v > binLow[b] && v < binHigh[b])) {
          b = bin(bounds.lower(v));
          if (b !== bin(bounds.upper(v))) b = bin(dist(x, d, i, j, distance));
        }
        counts[same ? b : bins + b]++;
      }
    }
    counts[o + 3] += posSum;
    counts[o + 4] += np;
    counts[o + 5] += negSum;
    counts[o + 6] += nn;
    if (np === 0 || nn === 0) {
      counts[o] += np * nn;
      return;
    }

    const exact: ExactPairs = { x, d, i, distance, posIdx, negIdx, apExact, anExact };
    for (let k = 0; k < np; k++) apExact[k] = NaN;
    for (let q = 0; q < nn; q++) anExact[q] = NaN;
    const cellScale = vmax > vmin ? CELLS / (vmax - vmin) : 0;
    // Thresholds per positive: a negative below sure[k] is within the question for sure, one above
    // unsure[k] is not, one between is measured in float64.
    for (let k = 0; k < np; k++) {
      const v = posV[k];
      const lo = bounds.lower(v);
      const hi = bounds.upper(v);
      hardSure[k] = bounds.surelyBelow(lo);
      hardUnsure[k] = bounds.surelyAbove(hi);
      const slack = 1e-12 * (1 + Math.abs(hi) + Math.abs(margin));
      marginSure[k] = bounds.surelyBelow(lo + margin - slack);
      marginUnsure[k] = bounds.surelyAbove(hi + margin + slack);
    }
    hardTable.build(hardSure, hardUnsure, np, vmin, cellScale);
    marginTable.build(marginSure, marginUnsure, np, vmin, cellScale);
    let hard = 0;
    let upTo = 0;
    for (let q = 0; q < nn; q++) {
      const v = negV[q];
      // v is within [vmin, vmax] (or NaN, which lands in cell 0), so the cell fits an int.
      const scaled = ((v - vmin) * cellScale) | 0;
      const c = scaled < CELLS ? scaled : CELLS - 1;
      hard += hardTable.above[c];
      if (hardTable.start[c] !== hardTable.start[c + 1]) hard += hardTable.countCell(c, q, v, 0, exact);
      upTo += marginTable.above[c];
      if (marginTable.start[c] !== marginTable.start[c + 1]) upTo += marginTable.countCell(c, q, v, margin, exact);
    }
    counts[o] += np * nn - upTo;
    counts[o + 1] += upTo - hard;
    counts[o + 2] += hard;
  }
}

function cellIndex(v: number, vmin: number, scale: number): number {
  const c = Math.floor((v - vmin) * scale);
  return c >= 0 ? (c < CELLS ? c : CELLS - 1) : 0;
}

/** Float64 distances of the current anchor, measured again on demand, each pair at most once. */
interface ExactPairs {
  x: Float32Array;
  d: number;
  i: number;
  distance: DistanceName;
  posIdx: Int32Array;
  negIdx: Int32Array;
  apExact: Float64Array;
  anExact: Float64Array;
}

/**
 * For one anchor row and one question (d_an ≤ d_ap + shift), what a negative needs to know about
 * the positives, by the cell of its value: `above[c]`, the positives whose `sure` threshold lies in
 * a later cell (each counts for every negative of cell c), and the few positives whose
 * [sure, unsure] range touches cell c, compared one by one. Every other positive has its range
 * wholly below cell c and does not count. Thresholds are monotone in the entry and cells are
 * monotone in the value, so a negative looks at its own cell only.
 */
class ThresholdTable {
  /** above[c]: positives counted for every negative of cell c. */
  readonly above = new Int32Array(CELLS + 1);
  /** Positives listed in cell c: members[start[c] .. start[c + 1]). */
  readonly start = new Int32Array(CELLS + 1);
  private readonly cursor = new Int32Array(CELLS + 1);
  private members: Int32Array;
  private sure = new Float64Array(0);
  private unsure = new Float64Array(0);
  private vmin = 0;
  private scale = 0;

  constructor(n: number) {
    this.members = new Int32Array(2 * n + 16);
  }

  build(sure: Float64Array, unsure: Float64Array, np: number, vmin: number, scale: number): void {
    const { above, start, cursor } = this;
    this.vmin = vmin;
    this.scale = scale;
    this.sure = sure;
    this.unsure = unsure;
    above.fill(0);
    start.fill(0);
    for (let k = 0; k < np; k++) {
      const c0 = cellIndex(sure[k], vmin, scale);
      const c1 = cellIndex(unsure[k], vmin, scale);
      above[c0]++;
      for (let c = c0; c <= c1; c++) start[c + 1]++;
    }
    // above[c] = #{k: cell(sure[k]) > c}
    let later = 0;
    for (let c = CELLS - 1; c >= 0; c--) {
      const here = above[c];
      above[c] = later;
      later += here;
    }
    for (let c = 0; c < CELLS; c++) start[c + 1] += start[c];
    // Near zero a Euclidean range can span many cells: grow the member list when it must.
    if (start[CELLS] > this.members.length) this.members = new Int32Array(start[CELLS]);
    const members = this.members;
    cursor.set(start);
    for (let k = 0; k < np; k++) {
      const c0 = cellIndex(sure[k], vmin, scale);
      const c1 = cellIndex(unsure[k], vmin, scale);
      for (let c = c0; c <= c1; c++) members[cursor[c]++] = k;
    }
  }

  /** #{positives k listed in cell c: d_an ≤ d_ap + shift} for negative q of value v. */
  countCell(c: number, q: number, v: number, shift: number, e: ExactPairs): number {
    const { sure, unsure, members, start } = this;
    let count = 0;
    for (let s = start[c], end = start[c + 1]; s < end; s++) {
      const k = members[s];
      if (v < sure[k]) count++;
      else if (v <= unsure[k]) {
        if (Number.isNaN(e.apExact[k])) e.apExact[k] = dist(e.x, e.d, e.i, e.posIdx[k], e.distance);
        if (Number.isNaN(e.anExact[q])) e.anExact[q] = dist(e.x, e.d, e.i, e.negIdx[q], e.distance);
        if (e.anExact[q] <= e.apExact[k] + shift) count++;
      }
    }
    return count;
  }
}
