const BUCKETS = 256;

/**
 * `#{k: sorted[k] < t}` in O(1) expected time for a short ascending array queried millions of
 * times (one class's positives against every negative): a table of counts at evenly spaced
 * values, then a step or two of scanning instead of a branchy binary search.
 */
export class BucketIndex {
  private readonly first: number;
  private readonly scale: number;
  private readonly starts = new Int32Array(BUCKETS + 1);

  constructor(private readonly sorted: Float64Array) {
    const n = sorted.length;
    this.first = n ? sorted[0] : 0;
    const span = n ? sorted[n - 1] - this.first : 0;
    this.scale = span > 0 ? BUCKETS / span : 0;
    let p = 0;
    for (let b = 0; b <= BUCKETS; b++) {
      const edge = this.scale > 0 ? this.first + b / this.scale : this.first;
      while (p < n && sorted[p] < edge) p++;
      this.starts[b] = p;
    }
  }

  countBelow(t: number): number {
    const { sorted } = this;
    const n = sorted.length;
    if (!(t > this.first)) return 0;
    const b = Math.min(BUCKETS, Math.floor((t - this.first) * this.scale));
    if (!(b >= 0)) return n;
    // The table's edges are rounded: step back, then forward, to the exact count.
    let k = this.starts[b];
    while (k > 0 && sorted[k - 1] >= t) k--;
    while (k < n && sorted[k] < t) k++;
    return k;
  }
}
