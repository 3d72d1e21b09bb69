import { repulsionRange, sumShares, type SpaceTree, type TreeView } from './barnes-hut';
import { copyOf, memory } from './shared-memory';
import type { SparseAffinities } from './tsne-affinities';
import type { ChunkSource } from './tsne-team-control';

/**
 * What one t-SNE iteration's gradient reads and writes. With helper threads every array lives in a
 * SharedArrayBuffer, so the helpers read the layout and write their share of the forces in place.
 */
export interface ForceState {
  n: number;
  dims: 2 | 3;
  /** Barnes–Hut θ². */
  theta2: number;
  /** The layout, n × dims interleaved. */
  y: Float32Array;
  /** Symmetric P, both halves. */
  P: SparseAffinities;
  /** Σⱼ pᵢⱼ qᵢⱼ (yᵢ − yⱼ) per point. */
  attract: Float64Array;
  /** Σⱼ qᵢⱼ² (yᵢ − yⱼ) per point (not yet divided by Z). */
  repulse: Float64Array;
  /** Σⱼ qᵢⱼ per point; Z is their sum. */
  zShare: Float64Array;
}

/** Points a thread takes at a time: a few dozen balance two threads well for little hand-out cost. */
export const POINT_CHUNK = 64;

export function forceState(y: Float32Array, n: number, dims: 2 | 3, theta2: number, P: SparseAffinities, shared: boolean): ForceState {
  const size = n * dims;
  return {
    n,
    dims,
    theta2,
    y: copyOf(y, shared),
    P: shared ? { rowStart: copyOf(P.rowStart), cols: copyOf(P.cols), vals: copyOf(P.vals) } : P,
    attract: new Float64Array(memory(8 * size, shared)),
    repulse: new Float64Array(memory(8 * size, shared)),
    zShare: new Float64Array(memory(8 * n, shared)),
  };
}

/**
 * One iteration's forces on this thread: attraction, the tree over the layout, repulsion of
 * every point; returns Z. `ForceTeam.forces` computes the same with helper threads.
 */
export function forcesOnOneThread(s: ForceState, tree: SpaceTree): number {
  attractionRange(s, 0, s.n);
  tree.build(s.y, s.n);
  repulsionRange(tree.view(), s.y, 0, s.n, s.theta2, s.repulse, s.zShare);
  return sumShares(s.zShare, s.n);
}

/** Repulsion of the chunks of POINT_CHUNK points (in the tree's order) that `chunks` hands out, until none is left. */
export function repulsionChunks(s: ForceState, tree: TreeView, chunks: ChunkSource): void {
  for (let c = chunks.take(); c >= 0 && c * POINT_CHUNK < s.n; c = chunks.take()) {
    repulsionRange(tree, s.y, c * POINT_CHUNK, Math.min(s.n, (c + 1) * POINT_CHUNK), s.theta2, s.repulse, s.zShare);
    chunks.done();
  }
}

/** Attraction of the chunks of POINT_CHUNK points that `chunks` hands out, as repulsionChunks. */
export function attractionChunks(s: ForceState, chunks: ChunkSource): void {
  for (let c = chunks.take(); c >= 0 && c * POINT_CHUNK < s.n; c = chunks.take()) {
    attractionRange(s, c * POINT_CHUNK, Math.min(s.n, (c + 1) * POINT_CHUNK));
    chunks.done();
  }
}

/**
 * Σⱼ pᵢⱼ qᵢⱼ (yᵢ − yⱼ) into s.attract[dims·i …] for points from … to, qᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²),
 * from row i of symmetric P. Each pair is measured from both ends (measuring it once and pulling
 * both ends took 0.8 of the time on one thread, but then a point's sum depends on which thread
 * pulled it): every point's sum is its own, so threads may take any ranges. 2-d is written out.
 */
export function attractionRange(s: ForceState, from: number, to: number): void {
  const { y, dims, attract: out } = s;
  const { rowStart, cols, vals } = s.P;
  if (dims === 2) {
    for (let i = from; i < to; i++) {
      const yx = y[2 * i], yy = y[2 * i + 1];
      let ax = 0, ay = 0;
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const j = cols[e];
        const dx = yx - y[2 * j];
        const dy = yy - y[2 * j + 1];
        const pq = vals[e] / (1 + dx * dx + dy * dy);
        ax += pq * dx;
        ay += pq * dy;
      }
      out[2 * i] = ax;
      out[2 * i + 1] = ay;
    }
    return;
  }
  for (let i = from; i < to; i++) {
    const yx = y[3 * i], yy = y[3 * i + 1], yz = y[3 * i + 2];
    let ax = 0, ay = 0, az = 0;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = cols[e];
      const dx = yx - y[3 * j];
      const dy = yy - y[3 * j + 1];
      const dz = yz - y[3 * j + 2];
      const pq = vals[e] / (1 + dx * dx + dy * dy + dz * dz);
      ax += pq * dx;
      ay += pq * dy;
      az += pq * dz;
    }
    out[3 * i] = ax;
    out[3 * i + 1] = ay;
    out[3 * i + 2] = az;
  }
}
