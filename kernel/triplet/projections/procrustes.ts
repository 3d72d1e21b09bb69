import { toHostMatrix, type MatrixInput } from '../metrics/matrix-input';
import { TripletInputError } from '../validation/errors';
import { symmetricEigen } from './symmetric-eigen';

export interface ProcrustesResult {
  /** `current` translated and rotated/reflected onto `previous`, same layout. */
  coords: Float32Array;
  /** `dims × dims` row-major orthogonal matrix R applied as (c − c̄) R + p̄. */
  rotation: Float64Array;
  /** Root-mean-square distance to `previous` before and after alignment. */
  rmsBefore: number;
  rmsAfter: number;
}

/**
 * Orthogonal Procrustes (Schönemann 1966): the rotation or reflection R minimising
 * ‖(C − c̄)R − (P − p̄)‖_F is R = U Vᵀ for the SVD CᵀP = U Σ Vᵀ of the small dims × dims cross
 * matrix. Applied between cells so a projection of the same (slowly changing) model keeps its
 * orientation instead of flipping or spinning; scale is left alone so distances stay readable.
 * Rows must be the same points in the same order.
 */
export function procrustesAlign(current: MatrixInput, previous: MatrixInput): ProcrustesResult {
  const FN = 'procrustesAlign';
  const c = toHostMatrix(current, 'current', FN);
  const p = toHostMatrix(previous, 'previous', FN);
  if (c.n !== p.n || c.dims !== p.dims) {
    throw new TripletInputError('previous', FN, `is ${p.n} × ${p.dims} but current is ${c.n} × ${c.dims}`,
      'Align projections of the same points in the same order (keep the previous coordinates of the same sample).');
  }
  const { n, dims: k } = c;
  const cm = new Float64Array(k);
  const pm = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      cm[a] += c.data[i * k + a] / n;
      pm[a] += p.data[i * k + a] / n;
    }
  }
  // M = (C − c̄)ᵀ (P − p̄), k × k.
  const M = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const ca = c.data[i * k + a] - cm[a];
      for (let b = 0; b < k; b++) M[a * k + b] += ca * (p.data[i * k + b] - pm[b]);
    }
  }
  const R = orthogonalFactor(M, k);
  const coords = new Float32Array(n * k);
  let before = 0;
  let after = 0;
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < k; b++) {
      let s = pm[b];
      for (let a = 0; a < k; a++) s += (c.data[i * k + a] - cm[a]) * R[a * k + b];
      coords[i * k + b] = s;
      before += (c.data[i * k + b] - p.data[i * k + b]) ** 2;
      after += (s - p.data[i * k + b]) ** 2;
    }
  }
  return { coords, rotation: R, rmsBefore: Math.sqrt(before / n), rmsAfter: Math.sqrt(after / n) };
}

/**
 * U Vᵀ from the SVD of a small square M, via the eigenvectors V of MᵀM (σᵢ² its eigenvalues) and
 * uᵢ = M vᵢ / σᵢ; directions with σᵢ ≈ 0 (degenerate data, e.g. all points on a line) get an
 * orthonormal completion by Gram–Schmidt, which keeps R orthogonal.
 */
function orthogonalFactor(M: Float64Array, k: number): Float64Array {
  const MtM = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) for (let r = 0; r < k; r++) MtM[a * k + b] += M[r * k + a] * M[r * k + b];
  const { values, vectors: Vrows } = symmetricEigen(MtM, k);
  const tol = Math.max(values[0], 0) * 1e-12;
  const U: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    const u = new Float64Array(k);
    if (values[i] > tol && values[i] > 0) {
      const sigma = Math.sqrt(values[i]);
      for (let r = 0; r < k; r++) {
        let s = 0;
        for (let b = 0; b < k; b++) s += M[r * k + b] * Vrows[i * k + b];
        u[r] = s / sigma;
      }
    } else {
      // Gram–Schmidt against the columns found so far, starting from unit vectors.
      for (let e = 0; e < k; e++) {
        u.fill(0);
        u[e] = 1;
        for (const w of U) {
          let dot = 0;
          for (let r = 0; r < k; r++) dot += u[r] * w[r];
          for (let r = 0; r < k; r++) u[r] -= dot * w[r];
        }
        const norm = Math.hypot(...u);
        if (norm > 1e-6) {
          for (let r = 0; r < k; r++) u[r] /= norm;
          break;
        }
      }
    }
    U.push(u);
  }
  const R = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) for (let i = 0; i < k; i++) R[a * k + b] += U[i][a] * Vrows[i * k + b];
  return R;
}
