import * as tf from '@tensorflow/tfjs';
import { hostValues } from '../backend/host-values';
import type { DistanceName } from '../distances/types';
import { pacer, type PacerOptions } from '../training/pacer';
import type { HostMatrix } from './matrix-input';
import { distanceKind, f32Distance, unitRows } from './block-distances';

export interface KnnOptions {
  k: number;
  distance?: DistanceName;
  /** Query i and reference i are the same point: never return i as its own neighbour. */
  excludeSelf?: boolean;
  /**
   * Product-block budget in floats (default 4M, 16 MB): query rows per block = budget / reference
   * rows, at least 1. Peak memory is this block, the references once on the backend, and the
   * n × k results (8 bytes per neighbour).
   */
  blockFloats?: number;
}

export interface KnnResult {
  /** `n × k` row-major reference indices, nearest first (ties: smaller index first). */
  indices: Int32Array;
  /** Matching distances (float32 precision). */
  distances: Float32Array;
  k: number;
}

/** Work through the query blocks one at a time: `next()` does one block and says whether more remain. */
interface KnnBlocks {
  readonly rowsDone: number;
  next(): boolean;
  result: KnnResult;
  dispose(): void;
}

function knnBlocks(query: HostMatrix, reference: HostMatrix, options: KnnOptions): KnnBlocks {
  const distance = options.distance ?? 'euclidean';
  const kind = distanceKind(distance);
  const nr = reference.n;
  const dims = reference.dims;
  const k = Math.max(0, Math.min(options.k, options.excludeSelf ? nr - 1 : nr));
  const indices = new Int32Array(query.n * k);
  const distances = new Float32Array(query.n * k);
  const result = { indices, distances, k };
  if (k === 0) return { rowsDone: query.n, next: () => false, result, dispose: () => {} };
  const rowsPerBlock = Math.max(1, Math.min(query.n, Math.floor((options.blockFloats ?? 4_000_000) / nr)));
  // References are the product's left operand, [nr, dims] · qᵀ: on tfjs-backend-wasm (XNNPACK's
  // fully-connected op) the right operand is repacked on every call, so making it the small query
  // block instead of the whole reference set measured 2–3× faster at 100,000 references, with
  // bit-identical products (the k = dims reduction runs in the same order).
  const { ref, sq } = tf.tidy(() => {
    let r: tf.Tensor2D = tf.tensor2d(reference.data, [nr, dims]);
    if (distance === 'cosine') r = unitRows(r);
    return { ref: tf.keep(r), sq: tf.sum(tf.square(r), 1) };
  });
  const rSq = sq.dataSync() as Float32Array;
  sq.dispose();
  // Per query of the block: the k best keys so far, ascending, and the current k-th (the bar).
  const bestKey = new Float32Array(rowsPerBlock * k);
  const bestId = new Int32Array(rowsPerBlock * k);
  const filled = new Int32Array(rowsPerBlock);
  const bar = new Float32Array(rowsPerBlock);
  let start = 0;
  return {
    get rowsDone() {
      return start;
    },
    result,
    dispose: () => ref.dispose(),
    next() {
      if (start >= query.n) return false;
      const rows = Math.min(rowsPerBlock, query.n - start);
      const { gram, qsq } = tf.tidy(() => {
        let q: tf.Tensor2D = tf.tensor2d(query.data.subarray(start * dims, (start + rows) * dims), [rows, dims]);
        if (distance === 'cosine') q = unitRows(q);
        return { gram: tf.matMul(ref, tf.transpose(q)), qsq: tf.sum(tf.square(q), 1) };
      });
      try {
        const qSq = qsq.dataSync() as Float32Array;
        const g = hostValues(gram);
        filled.fill(0);
        bar.fill(Infinity);
        const exclude = options.excludeSelf === true;
        for (let j = 0; j < nr; j++) {
          const rj = rSq[j];
          const base = j * rows;
          for (let i = 0; i < rows; i++) {
            const v = f32Distance(kind, qSq[i], g[base + i], rj);
            // Ranked as selectK ranks: values at or below 0 (1 − cos rounding) count as 0, ties by
            // smaller index, which the ascending scan gives by admitting only strictly smaller keys.
            const key = v > 0 ? v : 0;
            if (key >= bar[i] || (exclude && j === start + i)) continue;
            const off = i * k;
            let pos = filled[i] < k ? filled[i]++ : k - 1;
            while (pos > 0 && bestKey[off + pos - 1] > key) {
              bestKey[off + pos] = bestKey[off + pos - 1];
              bestId[off + pos] = bestId[off + pos - 1];
              pos--;
            }
            bestKey[off + pos] = key;
            bestId[off + pos] = j;
            if (filled[i] === k) bar[i] = bestKey[off + k - 1];
          }
        }
        for (let i = 0; i < rows; i++) {
          const out = (start + i) * k;
          for (let t = 0; t < k; t++) {
            const j = bestId[i * k + t];
            indices[out + t] = j;
            distances[out + t] = f32Distance(kind, qSq[i], g[j * rows + i], rSq[j]);
          }
        }
      } finally {
        gram.dispose();
        qsq.dispose();
      }
      start += rows;
      return start < query.n;
    },
  };
}

/**
 * k nearest references for every query, exact, one block of query rows at a time: memory is the
 * block (`blockFloats`), never a queries × references matrix, so 100,000 × 100,000 runs in tens
 * of MB. Each reference is checked against the k-th best so far with one comparison, so the
 * ranking costs O(queries × references) plus rare insertions, not a sort per row.
 */
export function chunkedKnn(query: HostMatrix, reference: HostMatrix, options: KnnOptions): KnnResult {
  const blocks = knnBlocks(query, reference, options);
  try {
    while (blocks.next());
    return blocks.result;
  } finally {
    blocks.dispose();
  }
}

/**
 * `chunkedKnn` that yields to the event loop between blocks (interrupts, `triplet.stop()` and an
 * aborted `signal` land within one block) and reports progress in query rows. Resolves with the
 * neighbours, or with `stopped: true` and the rows done so far.
 */
export async function chunkedKnnAsync(
  query: HostMatrix,
  reference: HostMatrix,
  options: KnnOptions & PacerOptions,
): Promise<KnnResult & { stopped: boolean; rowsDone: number }> {
  const blocks = knnBlocks(query, reference, options);
  const pace = pacer(options);
  try {
    while (!pace.stopped && blocks.next()) {
      const wait = pace.tick({ phase: 'neighbours', done: blocks.rowsDone, total: query.n });
      if (wait) await wait;
    }
    pace.finish({ phase: 'neighbours', done: blocks.rowsDone, total: query.n });
    return { ...blocks.result, stopped: blocks.rowsDone < query.n, rowsDone: blocks.rowsDone };
  } finally {
    pace.end();
    blocks.dispose();
  }
}
