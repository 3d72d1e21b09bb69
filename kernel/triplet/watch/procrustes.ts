import { symmetricEigen } from './symmetric-eigen';

/**
 * Rotates (or reflects) `current` — n points in `dims` dimensions, centred — to best match
 * `previous` in the least-squares sense: orthogonal Procrustes (Schönemann 1966), R = M (MᵀM)^(-1/2)
 * with M = Cᵀ P, the polar factor of M. Keeps successive projections of a changing model visually
 * comparable: PCA axes otherwise flip sign or swap from one snapshot to the next.
 */
export function procrustesAlign(current: Float64Array, previous: ArrayLike<number>, n: number, dims: number): Float64Array {
  const m = new Float64Array(dims * dims);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) m[a * dims + b] += current[i * dims + a] * previous[i * dims + b];
  }
  const mtm = new Float64Array(dims * dims);
  for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) for (let k = 0; k < dims; k++) mtm[a * dims + b] += m[k * dims + a] * m[k * dims + b];
  const { values, vectors } = symmetricEigen(mtm, dims);
  if (!(values[dims - 1] > 1e-12 * Math.max(values[0], 1e-300))) return current.slice();
  // (MᵀM)^(-1/2) = V diag(1/√λ) Vᵀ
  const inv = new Float64Array(dims * dims);
  for (let a = 0; a < dims; a++) {
    for (let b = 0; b < dims; b++) {
      let s = 0;
      for (let k = 0; k < dims; k++) s += (vectors[a * dims + k] * vectors[b * dims + k]) / Math.sqrt(values[k]);
      inv[a * dims + b] = s;
    }
  }
  const r = new Float64Array(dims * dims);
  for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) for (let k = 0; k < dims; k++) r[a * dims + b] += m[a * dims + k] * inv[k * dims + b];
  const out = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < dims; b++) {
      let s = 0;
      for (let a = 0; a < dims; a++) s += current[i * dims + a] * r[a * dims + b];
      out[i * dims + b] = s;
    }
  }
  return out;
}
