import { ID_SCALE, selectK } from '../metrics/select-k';

/** Up to this k, one pass per row with a small sorted buffer beats a quickselect over the row. */
const SMALL_K = 16;

/**
 * The k nearest other points of rows [first, first + rows) of an n-column distance block, written
 * to `indices` (n × k, row-major): the ranking of `chunkedKnn(x, x, { k, excludeSelf: true })`
 * (values ≤ 0 as 0, ties to the smaller index), which reads the same `blockDistances` values.
 */
export function nearestInBlock(values: Float32Array, rows: number, n: number, first: number, k: number, indices: Int32Array): void {
  if (k <= SMALL_K) nearestSmallK(values, rows, n, first, k, indices);
  else nearestSelect(values, rows, n, first, k, indices);
}

function nearestSelect(values: Float32Array, rows: number, n: number, first: number, k: number, indices: Int32Array): void {
  const ids = new Int32Array(n);
  const keys = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const i = first + r;
    const row = values.subarray(r * n, (r + 1) * n);
    let m = 0;
    for (let j = 0; j < n; j++) if (j !== i) ids[m++] = j;
    selectK(row, ids, m, k, keys);
    for (let t = 0; t < k; t++) indices[i * k + t] = ids[t];
  }
}

/**
 * The same ranking as selectK (key = float32 bits · 2^21 + id, so ties go to the smaller id),
 * kept in a sorted buffer of k keys: almost every candidate is rejected by one comparison with
 * the current k-th key, O(n·k) per row in the worst case instead of a quickselect over n.
 */
function nearestSmallK(values: Float32Array, rows: number, n: number, first: number, k: number, indices: Int32Array): void {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const best = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    const i = first + r;
    best.fill(Infinity);
    // The k-th best value so far: an entry above it cannot enter (equal ones may, by id).
    let bar = Infinity;
    const base = r * n;
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
      if (best[k - 1] !== Infinity) bar = Math.max(0, values[base + (best[k - 1] % ID_SCALE)]);
    }
    for (let t = 0; t < k; t++) indices[i * k + t] = best[t] % ID_SCALE;
  }
}
