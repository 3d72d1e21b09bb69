/** Candidate ids must stay below 2^21 so that (float32 bits) · 2^21 + id < 2^53 stays exact in a double. */
export const MAX_CANDIDATES = 2 ** 21;
export const ID_SCALE = 2 ** 21;

/**
 * Orders the `k` smallest of the non-negative distances `dist[ids[0..m)]` into `ids[0..k)`
 * (ascending; equal distances by smaller id first, so rankings are deterministic).
 *
 * For non-negative IEEE floats the bit pattern read as an unsigned integer is monotonic in the
 * value, so each candidate becomes one exact double key bits · 2^21 + id. The ranking is then a
 * quickselect and a native `Float64Array.sort` over plain numbers, with no comparator calls:
 * O(m + k log k) per row. `keys` is scratch space of at least m entries.
 */
export function selectK(dist: Float32Array, ids: Int32Array, m: number, k: number, keys = new Float64Array(m)): void {
  const bits = new Uint32Array(dist.buffer, dist.byteOffset, dist.length);
  for (let t = 0; t < m; t++) {
    const id = ids[t];
    // −0 and tiny negative rounding (e.g. 1 − cos) rank as 0.
    const b = dist[id] > 0 ? bits[id] : 0;
    keys[t] = b * ID_SCALE + id;
  }
  let lo = 0;
  let hi = m - 1;
  const target = k - 1;
  while (hi > lo) {
    const a = keys[lo];
    const b = keys[(lo + hi) >>> 1];
    const c = keys[hi];
    // Median of three keeps sorted rows out of the quadratic case.
    const p = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i] < p) i++;
      while (keys[j] > p) j--;
      if (i <= j) {
        const t = keys[i];
        keys[i] = keys[j];
        keys[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  const head = keys.subarray(0, k).sort();
  for (let t = 0; t < k; t++) ids[t] = head[t] % ID_SCALE;
}
