/**
 * k nearest neighbours per point kept sorted by distance (nearest first) in flat typed arrays:
 * row i is entries [i·k, i·k + k). `fresh` marks entries not yet used by NN-descent's local join.
 * Distances are squared Euclidean while the lists are built (cheaper), rooted at the end.
 */
export class NeighborLists {
  readonly indices: Int32Array;
  readonly distances: Float32Array;
  readonly fresh: Uint8Array;

  constructor(readonly n: number, readonly k: number) {
    this.indices = new Int32Array(n * k).fill(-1);
    this.distances = new Float32Array(n * k).fill(Infinity);
    this.fresh = new Uint8Array(n * k);
  }

  /** The current k-th (worst) distance of row i: a candidate must beat it to enter. */
  worst(i: number): number {
    return this.distances[i * this.k + this.k - 1];
  }

  /** Inserts j into row i if it is closer than the worst entry and not already there; returns 1 if it entered. */
  push(i: number, j: number, d: number): number {
    const { k, indices, distances, fresh } = this;
    const base = i * k;
    if (d >= distances[base + k - 1]) return 0;
    for (let t = base; t < base + k; t++) if (indices[t] === j) return 0;
    let t = base + k - 1;
    while (t > base && distances[t - 1] > d) {
      distances[t] = distances[t - 1];
      indices[t] = indices[t - 1];
      fresh[t] = fresh[t - 1];
      t--;
    }
    distances[t] = d;
    indices[t] = j;
    fresh[t] = 1;
    return 1;
  }
}

/** Squared Euclidean distance between rows a and b of x (row length d). */
export function squaredDistance(x: Float32Array, d: number, a: number, b: number): number {
  let s = 0;
  const pa = a * d;
  const pb = b * d;
  for (let t = 0; t < d; t++) {
    const v = x[pa + t] - x[pb + t];
    s += v * v;
  }
  return s;
}
