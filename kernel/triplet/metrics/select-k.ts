/**
 * Orders the `k` smallest of `dist[0..m)` into `ids[0..k)` (ascending; equal distances by smaller
 * candidate id first, so rankings are deterministic), by quickselect then sorting the k kept.
 * `ids` holds the candidate ids on entry and is permuted in place. O(m + k log k) per row.
 */
export function selectK(dist: Float32Array, ids: Int32Array, m: number, k: number): void {
  const before = (a: number, b: number): boolean => dist[a] < dist[b] || (dist[a] === dist[b] && a < b);
  let lo = 0;
  let hi = m - 1;
  const target = k - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot keeps sorted or constant rows (ties) out of the quadratic case.
    const a = ids[lo];
    const b = ids[mid];
    const c = ids[hi];
    const p = before(a, b) !== before(c, b) ? b : before(b, a) !== before(c, a) ? a : c;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(ids[i], p)) i++;
      while (before(p, ids[j])) j--;
      if (i <= j) {
        const t = ids[i];
        ids[i] = ids[j];
        ids[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  const head = ids.subarray(0, k);
  head.sort((a, b) => (dist[a] - dist[b]) || (a - b));
}
