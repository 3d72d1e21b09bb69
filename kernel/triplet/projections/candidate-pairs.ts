import { squaredDistance, type NeighborLists } from './neighbor-lists';
import { memory } from './shared-memory';
import type { ChunkSource } from './tsne-team-control';

/**
 * NN-descent's candidate pairs, measured apart from being applied: row r (a point's sampled
 * neighbours in a local join, or one random-projection leaf) pairs each of its new members
 * with the later new members and with its old members. Measuring is most of the search and
 * may run on several threads, in any order; applying runs on one thread in row order, so the
 * lists come out exactly as if each pair were applied as soon as it was measured.
 */
export interface PairJob {
  x: Float32Array;
  d: number;
  /** The lists' distances (n × k): a pair is kept only if it beats the worst entry at one end. */
  distances: Float32Array;
  k: number;
  /** Row r's new members are newList[newStart[r] … newStart[r + 1]); old ones likewise. */
  newList: Int32Array;
  newStart: Int32Array;
  oldList: Int32Array;
  oldStart: Int32Array;
  /** Where row r's pairs go: from pairStart[r] − blockBase in pairA / pairB / pairDist. */
  pairStart: Float64Array;
  /** The rows measured now, a block whose pairs fit the output arrays. */
  from: number;
  to: number;
  blockBase: number;
  /** Out: the pairs kept, pairCount[r − from] of them per row. */
  pairA: Int32Array;
  pairB: Int32Array;
  pairDist: Float64Array;
  pairCount: Int32Array;
}

/** Pairs measured per block: bounds the output arrays (16 bytes a pair) at any n. */
const BLOCK_PAIRS = 1 << 18;
/** Rows a thread takes at a time in `measureChunks`. */
export const PAIR_ROW_CHUNK = 16;

/**
 * Measures every candidate pair of rows with the given members and applies them to `lists`,
 * block by block; returns how many list entries improved. `measure`, when given, fills a
 * block's pairs (e.g. with helper threads; the arrays then live in shared memory).
 */
export function joinRows(
  lists: NeighborLists, x: Float32Array, d: number,
  members: { newList: Int32Array; newStart: Int32Array; oldList: Int32Array; oldStart: Int32Array },
  measure?: { shared: true; run(job: PairJob): void },
): number {
  const rows = members.newStart.length - 1;
  const pairStart = new Float64Array(rows + 1);
  let most = 0;
  for (let r = 0; r < rows; r++) {
    const cn = members.newStart[r + 1] - members.newStart[r];
    const co = members.oldStart[r + 1] - members.oldStart[r];
    const pairs = (cn * (cn - 1)) / 2 + cn * co;
    pairStart[r + 1] = pairStart[r] + pairs;
    most = Math.max(most, pairs);
  }
  const capacity = Math.max(most, Math.min(BLOCK_PAIRS, pairStart[rows]));
  const shared = measure !== undefined;
  const job: PairJob = {
    x, d, distances: lists.distances, k: lists.k, ...members, pairStart, from: 0, to: 0, blockBase: 0,
    pairA: new Int32Array(memory(4 * capacity, shared)),
    pairB: new Int32Array(memory(4 * capacity, shared)),
    pairDist: new Float64Array(memory(8 * capacity, shared)),
    pairCount: new Int32Array(memory(4 * rows, shared)),
  };
  let updates = 0;
  for (let from = 0; from < rows;) {
    let to = from + 1;
    while (to < rows && pairStart[to + 1] - pairStart[from] <= capacity) to++;
    Object.assign(job, { from, to, blockBase: pairStart[from] });
    if (measure) measure.run(job);
    else measurePairs(job, from, to);
    updates += applyPairs(job, lists);
    from = to;
  }
  return updates;
}

/** Rows of the block in the chunks of PAIR_ROW_CHUNK that `chunks` hands out, until none is left. */
export function measureChunks(job: PairJob, chunks: ChunkSource): void {
  for (let c = chunks.take(); c >= 0 && job.from + c * PAIR_ROW_CHUNK < job.to; c = chunks.take()) {
    const from = job.from + c * PAIR_ROW_CHUNK;
    measurePairs(job, from, Math.min(job.to, from + PAIR_ROW_CHUNK));
    chunks.done();
  }
}

function measurePairs(job: PairJob, from: number, to: number): void {
  const { x, d, distances, k, newList, newStart, oldList, oldStart, pairStart, pairA, pairB, pairDist, pairCount } = job;
  const worst = (i: number) => distances[i * k + k - 1];
  for (let r = from; r < to; r++) {
    let at = pairStart[r] - job.blockBase;
    const first = at;
    const n0 = newStart[r], n1 = newStart[r + 1], o0 = oldStart[r], o1 = oldStart[r + 1];
    for (let s = n0; s < n1; s++) {
      const a = newList[s];
      const wa = worst(a);
      for (let t = s + 1; t < n1; t++) {
        const b = newList[t];
        if (a === b) continue;
        const dist = squaredDistance(x, d, a, b);
        if (dist < wa || dist < worst(b)) {
          pairA[at] = a;
          pairB[at] = b;
          pairDist[at++] = dist;
        }
      }
      for (let t = o0; t < o1; t++) {
        const b = oldList[t];
        if (a === b) continue;
        const dist = squaredDistance(x, d, a, b);
        if (dist < wa || dist < worst(b)) {
          pairA[at] = a;
          pairB[at] = b;
          pairDist[at++] = dist;
        }
      }
    }
    pairCount[r - job.from] = at - first;
  }
}

/**
 * The block's pairs in row order, each checked against the lists as they are now: the
 * worst entries only shrink, so a pair measured against older lists and kept is checked again
 * here, and a pair that was dropped could not have entered.
 */
function applyPairs(job: PairJob, lists: NeighborLists): number {
  const { pairStart, pairA, pairB, pairDist, pairCount } = job;
  let updates = 0;
  for (let r = job.from; r < job.to; r++) {
    const first = pairStart[r] - job.blockBase;
    const end = first + pairCount[r - job.from];
    for (let p = first; p < end; p++) {
      const a = pairA[p], b = pairB[p], dist = pairDist[p];
      if (dist < lists.worst(a)) updates += lists.push(a, b, dist);
      if (dist < lists.worst(b)) updates += lists.push(b, a, dist);
    }
  }
  return updates;
}
