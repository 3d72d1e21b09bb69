import { symmetricEigen } from './symmetric-eigen';

/** Projection of n×d rows onto their top `dims` principal axes, with each axis' share of variance. */
export function pca(x: Float32Array, n: number, d: number, dims: 2 | 3): { coords: Float64Array; explainedVariance: number[] } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += x[i * d + k] / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) row[k] = x[i * d + k] - mean[k];
    for (let p = 0; p < d; p++) {
      const rp = row[p];
      for (let q = p; q < d; q++) cov[p * d + q] += rp * row[q];
    }
  }
  for (let p = 0; p < d; p++) for (let q = p; q < d; q++) cov[q * d + p] = cov[p * d + q] /= Math.max(n - 1, 1);
  const { values, vectors } = symmetricEigen(cov, d);
  const total = values.reduce((s, v) => s + Math.max(v, 0), 0) || 1;
  const m = Math.min(dims, d);
  const coords = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (x[i * d + k] - mean[k]) * vectors[k * d + c];
      coords[i * dims + c] = s;
    }
  }
  return { coords, explainedVariance: Array.from(values.slice(0, m), (v) => Math.max(v, 0) / total) };
}
