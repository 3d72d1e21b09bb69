import { selectK } from '../metrics/select-k';

/** `chunkedKnn(x, x, { k, excludeSelf: true })` read off a full distance matrix (same rows, same ranking). */
export function knnFromMatrix(values: Float32Array, n: number, k: number): { indices: Int32Array; k: number } {
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
