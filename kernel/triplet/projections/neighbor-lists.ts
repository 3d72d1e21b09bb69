import { memory } from './shared-memory';

/**
 * k nearest neighbours per point kept sorted by distance (nearest first) in flat typed arrays:
 * row i is entries [i·k, i·k + k). `fresh` marks entries not yet used by NN-descent's local join.
 * Distances are squared Euclidean while the lists are built (cheaper), rooted at the end.
 */
export class NeighborLists {
  readonly indices: Int32Array;
  readonly distances: Float32Array;
  readonly fresh: Uint8Array;

  /** `shared`: distances in a SharedArrayBuffer, for threads that measure candidates against them. */
  constructor(readonly n: number, readonly k: number, shared = false) {
    this.indices = new Int32Array(n * k).fill(-1);
    this.distances = new Float32Array(memory(4 * n * k, shared)).fill(Infinity);
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

/**
 * Squared Euclidean distance between rows a and b of x (row length d). Four running sums, so the
 * additions do not wait on each other: 1.5–2× faster than one sum at d = 64 (most of NN-descent's time).
 */
export function squaredDistance(x: Float32Array, d: number, a: number, b: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  const pa = a * d;
  const pb = b * d;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    const v0 = x[pa + t] - x[pb + t];
    const v1 = x[pa + t + 1] - x[pb + t + 1];
    const v2 = x[pa + t + 2] - x[pb + t + 2];
    const v3 = x[pa + t + 3] - x[pb + t + 3];
    s0 += v0 * v0;
    s1 += v1 * v1;
    s2 += v2 * v2;
    s3 += v3 * v3;
  }
  for (; t < d; t++) {
    const v = x[pa + t] - x[pb + t];
    s0 += v * v;
  }
  return s0 + s1 + (s2 + s3);
}
