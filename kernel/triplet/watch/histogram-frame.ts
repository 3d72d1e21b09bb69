import { rocAucFromHistograms } from '../metrics/roc-auc-from-histograms';
import type { BinnedDistances, TripletCategories } from '../../../contract/payloads';

export interface PairHistograms extends BinnedDistances {
  triplets: TripletCategories;
  meanPositive: number;
  meanNegative: number;
  rocAuc: number;
  /** Anchors whose rows were measured (all n unless capped by maxPairs). */
  anchors: number;
}

/** What both histogram paths fill in: bins over [0, upper), and which anchor rows to measure. */
export interface HistogramFrame {
  positive: number[];
  negative: number[];
  binEdges: number[];
  triplets: TripletCategories;
  /** Anchor rows measured: all n, or evenly spaced ones when n² exceeds `maxPairs`. */
  anchors: number;
  stride: number;
  bin(v: number): number;
  posSum: number;
  posN: number;
  negSum: number;
  negN: number;
}

export function histogramFrame(n: number, bins: number, upper: number, maxPairs: number): HistogramFrame {
  const anchors = Math.max(1, Math.min(n, Math.floor(maxPairs / Math.max(n, 1))));
  return {
    positive: new Array<number>(bins).fill(0),
    negative: new Array<number>(bins).fill(0),
    binEdges: Array.from({ length: bins + 1 }, (_, i) => (upper * i) / bins),
    triplets: { easy: 0, semiHard: 0, hard: 0 },
    anchors,
    stride: n / anchors,
    bin: (v: number) => Math.min(bins - 1, Math.max(0, Math.floor((v / upper) * bins))),
    posSum: 0,
    posN: 0,
    negSum: 0,
    negN: 0,
  };
}

export function finishHistograms(f: HistogramFrame): PairHistograms {
  return {
    binEdges: f.binEdges,
    positive: f.positive,
    negative: f.negative,
    triplets: f.triplets,
    meanPositive: f.posN ? f.posSum / f.posN : 0,
    meanNegative: f.negN ? f.negSum / f.negN : 0,
    rocAuc: rocAucFromHistograms(f.positive, f.negative),
    anchors: f.anchors,
  };
}
