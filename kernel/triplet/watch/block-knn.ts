import { ID_SCALE, selectK } from '../metrics/select-k';

/** Up to this k, one pass per row with a small sorted buffer beats a quickselect over the row. */
const SMALL_K = 16;

/** `chunkedKnn(x, x, { k, excludeSelf: true })` read off a full distance matrix (same rows, same ranking). */
export function knnFromMatrix(values: Float32Array, n: number, k: number): { indices: Int32Array; k: number } {
  return k <= SMALL_K ? knnSmallK(values, n, k) : knnSelect(values, n, k);
}

function knnSelect(values: Float32Array, n: number, k: number): { indices: Int32Array; k: number } {
  const indices = new Int32Array(n * k);
  const ids = new Int32Array(n);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = values.subarray(i * n, (i + 1) * n);
    let m = 0;
    for (let j = 0; j < n; j++) if (j !== i) ids[m++] = j;
    selectK(row, ids, m, k, keys);
    for (let t = 0; t < k; t++) indices[i * k + t] = ids[t];
  }
  return { indices, k };
}

/**
 * The same ranking as selectK (key = float32 bits · 2^21 + id, so ties go to the smaller id),
 * kept in a sorted buffer of k keys: almost every candidate is rejected by one comparison with
 * the current k-th key, O(n·k) per row in the worst case instead of a quickselect over n.
 */
function knnSmallK(values: Float32Array, n: number, k: number): { indices: Int32Array; k: number } {
  const indices = new Int32Array(n * k);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const best = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    best.fill(Infinity);
    // The k-th best value so far: an entry above it cannot enter (equal ones may, by id).
    let bar = Infinity;
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const v = values[base + j];
      if (v > bar || j === i) continue;
      const key = (v > 0 ? bits[base + j] : 0) * ID_SCALE + j;
      if (key >= best[k - 1]) continue;
      let t = k - 1;
      while (t > 0 && best[t - 1] > key) {
        best[t] = best[t - 1];
        t--;
      }
      best[t] = key;
      if (best[k - 1] !== Infinity) bar = Math.max(0, values[base + best[k - 1] % ID_SCALE]);
    }
    for (let t = 0; t < k; t++) indices[i * k + t] = best[t] % ID_SCALE;
  }
  return { indices, k };
}
