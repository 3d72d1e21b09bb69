import type { KnnGraph } from './nn-descent';
import type { ChunkSource } from './tsne-team-control';

/** Symmetric sparse P in CSR form: row i's entries are cols/vals[rowStart[i] … rowStart[i + 1]). */
export interface SparseAffinities {
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/** The conditional distributions P_{j|i} of rows, in memory that helper threads can share. */
export interface ConditionalJob {
  /** n × k neighbour distances (KnnGraph.distances). */
  distances: Float32Array;
  n: number;
  k: number;
  perplexity: number;
  /** Out: n × k, P_{j|i} for row i's neighbours. */
  conditional: Float64Array;
}

/** Rows a thread takes at a time in `conditionalChunks`. */
export const AFFINITY_ROW_CHUNK = 64;

/**
 * t-SNE's input similarities on the k-NN graph (van der Maaten 2014, §4.1; scikit-learn
 * `_binary_search_perplexity` and `_joint_probabilities_nn`): per point a Gaussian precision βᵢ
 * found by bisection so the conditional distribution over its neighbours has entropy
 * log(perplexity), then P = (P_{j|i} + P_{i|j}) / 2n, which sums to 1. `conditionalRows`, when
 * given, fills job.conditional (e.g. with helper threads); every row is computed alone, so the
 * result is the same however the rows were split.
 */
export function tsneAffinities(graph: KnnGraph, n: number, perplexity: number, conditionalRows?: (job: ConditionalJob) => void): SparseAffinities {
  const { k, indices } = graph;
  const job = { distances: graph.distances, n, k, perplexity, conditional: new Float64Array(n * k) };
  if (conditionalRows) conditionalRows(job);
  else conditionalRange(job, 0, n);
  const conditional = job.conditional;
  // Symmetrise: P_ij = (p_{j|i} + p_{i|j}) / 2n over the union of both directions. Row i is the
  // merge of its own neighbours and the points that have i as a neighbour, both sorted by index.
  const fwd = new Int32Array(n * k);
  const fwdP = new Float64Array(n * k);
  const order = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) order[t] = t;
    const base = i * k;
    order.sort((a, b) => indices[base + a] - indices[base + b]);
    for (let t = 0; t < k; t++) {
      fwd[base + t] = indices[base + order[t]];
      fwdP[base + t] = conditional[base + order[t]] / (2 * n);
    }
  }
  // Reverse lists by counting sort on the target; rows come out sorted by source index.
  const revStart = new Int32Array(n + 1);
  for (let t = 0; t < n * k; t++) if (fwd[t] >= 0) revStart[fwd[t] + 1]++;
  for (let i = 0; i < n; i++) revStart[i + 1] += revStart[i];
  const revFill = Int32Array.from(revStart.subarray(0, n));
  const rev = new Int32Array(revStart[n]);
  const revP = new Float64Array(revStart[n]);
  for (let i = 0; i < n; i++) {
    for (let t = i * k; t < i * k + k; t++) {
      const j = fwd[t];
      if (j < 0) continue;
      rev[revFill[j]] = i;
      revP[revFill[j]++] = fwdP[t];
    }
  }
  const rowStart = new Int32Array(n + 1);
  const cols = new Int32Array(n * k + rev.length);
  const vals = new Float32Array(n * k + rev.length);
  let at = 0;
  for (let i = 0; i < n; i++) {
    let a = i * k;
    const aEnd = a + k;
    let b = revStart[i];
    const bEnd = revStart[i + 1];
    while (a < aEnd && fwd[a] < 0) a++;
    while (a < aEnd || b < bEnd) {
      const ja = a < aEnd ? fwd[a] : n;
      const jb = b < bEnd ? rev[b] : n;
      let p = 0;
      const j = Math.min(ja, jb);
      if (ja === j) p += fwdP[a++];
      if (jb === j) p += revP[b++];
      if (j !== i) {
        cols[at] = j;
        vals[at++] = p;
      }
    }
    rowStart[i + 1] = at;
  }
  return { rowStart, cols: cols.slice(0, at), vals: vals.slice(0, at) };
}

/** Rows of the chunks of AFFINITY_ROW_CHUNK that `chunks` hands out, until none is left. */
export function conditionalChunks(job: ConditionalJob, chunks: ChunkSource): void {
  for (let c = chunks.take(); c >= 0 && c * AFFINITY_ROW_CHUNK < job.n; c = chunks.take()) {
    conditionalRange(job, c * AFFINITY_ROW_CHUNK, Math.min(job.n, (c + 1) * AFFINITY_ROW_CHUNK));
    chunks.done();
  }
}

/** P_{j|i} of rows from … to: βᵢ by bisection until the entropy is log(perplexity) ± 1e-5. */
function conditionalRange(job: ConditionalJob, from: number, to: number): void {
  const { distances, k, conditional } = job;
  const target = Math.log(job.perplexity);
  const d2 = new Float64Array(k);
  for (let i = from; i < to; i++) {
    const base = i * k;
    for (let t = 0; t < k; t++) d2[t] = distances[base + t] ** 2;
    let beta = 1;
    let lo = -Infinity;
    let hi = Infinity;
    for (let iter = 0; iter < 100; iter++) {
      let sum = 0;
      for (let t = 0; t < k; t++) {
        const p = Math.exp(-d2[t] * beta);
        conditional[base + t] = p;
        sum += p;
      }
      if (sum === 0) sum = 1e-8;
      let weighted = 0;
      for (let t = 0; t < k; t++) {
        conditional[base + t] /= sum;
        weighted += d2[t] * conditional[base + t];
      }
      const entropy = Math.log(sum) + beta * weighted;
      const diff = entropy - target;
      if (Math.abs(diff) <= 1e-5) break;
      if (diff > 0) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2;
      }
    }
  }
}
