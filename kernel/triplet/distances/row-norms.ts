// Norms of host-memory embeddings (n × d row-major Float32Array), summed in float64.

/** The Euclidean norm of each row. */
export function rowNorms(x: Float32Array, n: number, d: number): Float64Array {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += x[i * d + k] ** 2;
    norms[i] = Math.sqrt(s);
  }
  return norms;
}

/** Scales each row to unit length in place; a zero row stays zero (its norm is floored at 1e-6). */
export function normalizeRowsInPlace(x: Float32Array, n: number, d: number): void {
  const norms = rowNorms(x, n, d);
  for (let i = 0; i < n; i++) {
    const inv = 1 / Math.max(norms[i], 1e-6);
    for (let k = 0; k < d; k++) x[i * d + k] *= inv;
  }
}
