import { blockDistances, referenceOperands } from '../metrics/block-distances';
import { toHostMatrix, type MatrixInput } from '../metrics/matrix-input';
import type { DistanceName } from '../distances/types';
import { TripletInputError } from '../validation/errors';

export interface TrustworthinessOptions {
  /** Neighbourhood size (default 10). */
  k?: number;
  /** Distance in the original space (default 'euclidean'); the projection is always Euclidean. */
  distance?: DistanceName;
  /** The n × n original-space distances, when the caller already has them (the watch does). */
  matrix?: Float32Array;
}

/** Rows of original-space distances measured per backend block (16 MB of float32). */
const BLOCK_FLOATS = 4_000_000;

/**
 * Trustworthiness (Venna & Kaski 2001; scikit-learn `sklearn.manifold.trustworthiness`):
 * 1 − 2 / (n k (2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢ} (r(i, j) − k), where Uᵢ are the k nearest
 * neighbours of i in the projection that are not among its k nearest in the original space and
 * r(i, j) is j's rank among i's original-space neighbours. 1 means no point got neighbours in the
 * picture that it does not have in the data. Exact: every original-space distance is measured
 * (on the backend, block by block) but only ranks of intruders are counted.
 */
export function trustworthiness(original: MatrixInput, projected: MatrixInput, options: TrustworthinessOptions = {}): number {
  const FN = 'trustworthiness';
  const x = toHostMatrix(original, 'original', FN);
  const y = toHostMatrix(projected, 'projected', FN);
  const n = x.n;
  const k = options.k ?? 10;
  if (y.n !== n) throw new TripletInputError('projected', FN, `has ${y.n} rows for ${n} original points`, 'Pass the projection of the same points, in the same order.');
  if (!Number.isInteger(k) || k < 1 || k >= n / 2) {
    throw new TripletInputError('options.k', FN, `is ${k} for ${n} points`, `Use an integer from 1 to below n / 2 (${Math.ceil(n / 2) - 1}), e.g. 10.`);
  }
  if (options.matrix && options.matrix.length !== n * n) {
    throw new TripletInputError('options.matrix', FN, `has ${options.matrix.length} entries for ${n} points`, `Pass the full ${n} × ${n} distance matrix, or leave it out.`);
  }
  const low = nearestInProjection(y.data, n, y.dims, k);
  const distance = options.distance ?? 'euclidean';
  let penalty = 0;
  const scan = (row: Float32Array, i: number) => {
    const kth = kthKey(row, i, n, k);
    for (let t = 0; t < k; t++) {
      const j = low[i * k + t];
      const v = row[j];
      if (v < kth.value || (v === kth.value && j <= kth.index)) continue;
      // Rank of j (1-based) among i's original-space neighbours, ties to the smaller index.
      let rank = 1;
      for (let l = 0; l < n; l++) {
        if (l === i) continue;
        const w = row[l];
        if (w < v || (w === v && l < j)) rank++;
      }
      penalty += rank - k;
    }
  };
  if (options.matrix) {
    for (let i = 0; i < n; i++) scan(options.matrix.subarray(i * n, (i + 1) * n), i);
  } else {
    const ref = referenceOperands(x.data, n, x.dims, distance === 'euclidean' ? 'squared-euclidean' : distance);
    try {
      const rows = Math.max(1, Math.floor(BLOCK_FLOATS / n));
      const block = new Float32Array(rows * n);
      for (let start = 0; start < n; start += rows) {
        const r = Math.min(rows, n - start);
        const values = blockDistances(x.data.subarray(start * x.dims, (start + r) * x.dims), r, x.dims, ref, distance === 'euclidean' ? 'squared-euclidean' : distance, r === rows ? block : undefined);
        for (let q = 0; q < r; q++) scan(values.subarray(q * n, (q + 1) * n), start + q);
      }
    } finally {
      ref.refT.dispose();
    }
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}

/** The k-th smallest (value, index) of a row, point i left out: anything ordered before it is a neighbour. */
function kthKey(row: Float32Array, i: number, n: number, k: number): { value: number; index: number } {
  const vals = new Float64Array(k).fill(Infinity);
  const ids = new Int32Array(k).fill(n);
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const v = row[j];
    if (v > vals[k - 1] || (v === vals[k - 1] && j > ids[k - 1])) continue;
    let t = k - 1;
    while (t > 0 && (vals[t - 1] > v || (vals[t - 1] === v && ids[t - 1] > j))) {
      vals[t] = vals[t - 1];
      ids[t] = ids[t - 1];
      t--;
    }
    vals[t] = v;
    ids[t] = j;
  }
  return { value: vals[k - 1], index: ids[k - 1] };
}

/** Exact k nearest neighbours in the 2-d / 3-d projection, by brute force (O(n² · dims), cheap at these dims). */
function nearestInProjection(y: Float32Array, n: number, dims: number, k: number): Int32Array {
  const out = new Int32Array(n * k);
  const vals = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    vals.fill(Infinity);
    const row = out.subarray(i * k, (i + 1) * k);
    row.fill(-1);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < dims; c++) {
        const v = y[i * dims + c] - y[j * dims + c];
        s += v * v;
      }
      if (s >= vals[k - 1]) continue;
      let t = k - 1;
      while (t > 0 && vals[t - 1] > s) {
        vals[t] = vals[t - 1];
        row[t] = row[t - 1];
        t--;
      }
      vals[t] = s;
      row[t] = j;
    }
  }
  return out;
}
