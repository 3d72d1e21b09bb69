import type { DistanceName } from '../distances/types';
import type { HostMatrix } from './matrix-input';
import { blockDistances, referenceOperands } from './block-distances';
import { MAX_CANDIDATES, selectK } from './select-k';

export interface KnnOptions {
  k: number;
  distance?: DistanceName;
  /** Query i and reference i are the same point: never return i as its own neighbour. */
  excludeSelf?: boolean;
  /** Distance-block budget in floats (default 4M, 16 MB): query rows per block = budget / reference rows. */
  blockFloats?: number;
}

export interface KnnResult {
  /** `n × k` row-major reference indices, nearest first (ties: smaller index first). */
  indices: Int32Array;
  /** Matching distances (float32 precision). */
  distances: Float32Array;
  k: number;
}

/**
 * k nearest references for every query, one block of query rows at a time, so memory is
 * O(block × references) and 10,000 points never hold a 10k × 10k matrix (block-distances.ts).
 */
export function chunkedKnn(query: HostMatrix, reference: HostMatrix, options: KnnOptions): KnnResult {
  const distance = options.distance ?? 'euclidean';
  const nr = reference.n;
  const candidates = options.excludeSelf ? nr - 1 : nr;
  const k = Math.min(options.k, candidates);
  const indices = new Int32Array(query.n * k);
  const distances = new Float32Array(query.n * k);
  if (k <= 0) return { indices, distances, k: Math.max(k, 0) };
  const rowsPerBlock = Math.max(1, Math.floor((options.blockFloats ?? 4_000_000) / nr));
  if (nr > MAX_CANDIDATES) throw new RangeError(`chunkedKnn: ${nr} references exceed ${MAX_CANDIDATES}; split the reference set`);
  const ids = new Int32Array(nr);
  const keys = new Float64Array(nr);

  const ref = referenceOperands(reference.data, nr, reference.dims, distance);
  try {
    for (let start = 0; start < query.n; start += rowsPerBlock) {
      const rows = Math.min(rowsPerBlock, query.n - start);
      const values = blockDistances(query.data.subarray(start * query.dims, (start + rows) * query.dims), rows, query.dims, ref, distance);
      for (let r = 0; r < rows; r++) {
        const qi = start + r;
        const row = values.subarray(r * nr, (r + 1) * nr);
        let m = 0;
        for (let j = 0; j < nr; j++) if (!(options.excludeSelf && j === qi)) ids[m++] = j;
        selectK(row, ids, m, k, keys);
        for (let t = 0; t < k; t++) {
          indices[qi * k + t] = ids[t];
          distances[qi * k + t] = row[ids[t]];
        }
      }
    }
  } finally {
    ref.refT.dispose();
  }
  return { indices, distances, k };
}
