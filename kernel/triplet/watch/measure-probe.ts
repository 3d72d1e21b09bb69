import type { DistanceName } from '../distances/types';
import { blockDistances, referenceOperands } from '../metrics/block-distances';
import { nearestInBlock } from './block-knn';
import { PairCounter, type PairCountOptions, type PairHistograms } from './pair-counts';

/** Distances measured per backend product: 16 MB of float32, a 2,000-point probe's whole matrix. */
export const BLOCK_FLOATS = 4_000_000;

export interface MeasureOptions extends PairCountOptions {
  distance: DistanceName;
  /** Nearest neighbours kept per point (0: none). */
  k: number;
  /** Floats per block (default BLOCK_FLOATS); tests make it small to run several blocks. */
  blockFloats?: number;
}

export interface ProbeMeasures {
  histograms: PairHistograms;
  /** The k nearest other points of each point (n × k, nearest first), when k > 0. */
  knn?: { indices: Int32Array; k: number };
  /** All n × n distances, when one block held them (trustworthiness reads them then). */
  matrix?: Float32Array;
  /** The block's buffer: the next snapshot of the same probe writes into it again. */
  block: Float32Array;
}

/**
 * Everything a snapshot reads from the probe's pairwise distances, in one pass over blocks of
 * rows: each block's distances come from one backend product (`blockDistances`, the values
 * `chunkedKnn` ranks), and its rows give the neighbours and, for anchor rows, the histogram and
 * triplet counts. Memory is one block whatever the probe's size; `reuse` is the buffer of an
 * earlier call (writing into fresh memory costs page faults: ~45 ms for 16 MB here).
 */
export function measureProbe(x: Float32Array, n: number, d: number, labels: Int32Array, options: MeasureOptions, reuse?: Float32Array): ProbeMeasures {
  const rowsPerBlock = Math.max(1, Math.min(n, Math.floor((options.blockFloats ?? BLOCK_FLOATS) / Math.max(n, 1))));
  const block = reuse && reuse.length === rowsPerBlock * n ? reuse : new Float32Array(rowsPerBlock * n);
  const counter = new PairCounter(n, labels, options);
  const k = Math.max(0, Math.min(options.k, n - 1));
  const indices = k > 0 ? new Int32Array(n * k) : undefined;
  const ref = referenceOperands(x, n, d, options.distance);
  try {
    let anchor = 0;
    let anchorRow = counter.anchorRow(0);
    for (let first = 0; first < n; first += rowsPerBlock) {
      const rows = Math.min(rowsPerBlock, n - first);
      const values = blockDistances(x.subarray(first * d, (first + rows) * d), rows, d, ref, options.distance, block.subarray(0, rows * n));
      if (indices) nearestInBlock(values, rows, n, first, k, indices);
      for (; anchor < counter.anchors && anchorRow < first + rows; anchorRow = counter.anchorRow(++anchor)) {
        const r = anchorRow - first;
        counter.countRow(values.subarray(r * n, (r + 1) * n), anchorRow);
      }
    }
  } finally {
    ref.refT.dispose();
  }
  return { histograms: counter.finish(), knn: indices && { indices, k }, matrix: rowsPerBlock === n ? block : undefined, block };
}
