import type { KnnGraph } from './nn-descent';

/** Symmetric sparse P in CSR form: row i's entries are cols/vals[rowStart[i] … rowStart[i + 1]). */
export interface SparseAffinities {
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/**
 * t-SNE's input similarities on the k-NN graph (van der Maaten 2014, §4.1; scikit-learn
 * `_binary_search_perplexity` and `_joint_probabilities_nn`): per point a Gaussian precision βᵢ
 * found by bisection so the conditional distribution over its neighbours has entropy
 * log(perplexity), then P = (P_{j|i} + P_{i|j}) / 2n, which sums to 1.
 */
export function tsneAffinities(graph: KnnGraph, n: number, perplexity: number): SparseAffinities {
  const { k, indices, distances } = graph;
  const target = Math.log(perplexity);
  const conditional = new Float64Array(n * k);
  const d2 = new Float64Array(k);
  for (let i = 0; i < n; i++) {
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
  // Symmetrise: P_ij = (p_{j|i} + p_{i|j}) / 2n over the union of both directions.
  const sym = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      if (j < 0 || j === i) continue;
      const p = conditional[i * k + t] / (2 * n);
      const a = i * n + j;
      const b = j * n + i;
      sym.set(a, (sym.get(a) ?? 0) + p);
      sym.set(b, (sym.get(b) ?? 0) + p);
    }
  }
  const rowCount = new Int32Array(n + 1);
  for (const key of sym.keys()) rowCount[Math.floor(key / n) + 1]++;
  for (let i = 0; i < n; i++) rowCount[i + 1] += rowCount[i];
  const rowStart = Int32Array.from(rowCount);
  const fill = Int32Array.from(rowCount);
  const cols = new Int32Array(sym.size);
  const vals = new Float32Array(sym.size);
  for (const [key, v] of sym) {
    const i = Math.floor(key / n);
    const at = fill[i]++;
    cols[at] = key - i * n;
    vals[at] = v;
  }
  return { rowStart, cols, vals };
}
