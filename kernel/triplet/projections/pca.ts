import { toHostMatrix, type HostMatrix, type MatrixInput } from '../metrics/matrix-input';
import { TripletInputError } from '../validation/errors';
import { covariance } from './covariance';
import { symmetricEigen } from './symmetric-eigen';

export interface PcaOptions {
  /** Output dimensions (default 2). */
  components?: number;
  /** Row length when `x` is a bare Float32Array. */
  dims?: number;
}

export interface PcaResult {
  /** `n × components` projected points, interleaved (x, y(, z)) per point. */
  coords: Float32Array;
  /** Number of output dimensions. */
  dims: number;
  n: number;
  /** `components × inputDims` row-major unit principal axes, largest variance first. */
  components: Float64Array;
  /** Column means that were subtracted. */
  mean: Float64Array;
  /** Variance along each component (covariance eigenvalues, divisor n − 1). */
  explainedVariance: number[];
  /** Each component's share of the total variance; their sum is ≤ 1. */
  explainedVarianceRatio: number[];
}

const MAX_DIMS = 1024;

/**
 * Exact PCA: eigen-decomposition of the d×d sample covariance in Float64 (d ≤ 1024). Each axis
 * is signed so its largest-magnitude entry is positive, so the same data always gives the same
 * picture (scikit-learn fixes signs the same way, `svd_flip`).
 */
export function pca(x: MatrixInput | Float32Array, options: PcaOptions = {}): PcaResult {
  const FN = 'pca';
  let m: HostMatrix;
  if (x instanceof Float32Array) {
    const dims = options.dims;
    if (!dims || !Number.isInteger(dims) || x.length % dims !== 0) {
      throw new TripletInputError('options.dims', FN, `is ${dims} for a Float32Array of length ${x.length}`,
        'Pass the row length, e.g. pca(x, { dims: 784 }), or pass a tf.Tensor2D / { x, n, dims } dataset.');
    }
    m = toHostMatrix({ x, n: x.length / dims, dims }, 'x', FN);
  } else m = toHostMatrix(x, 'x', FN);
  const k = options.components ?? 2;
  if (!Number.isInteger(k) || k < 1 || k > m.dims) {
    throw new TripletInputError('options.components', FN, `is ${k} but the data have ${m.dims} columns`, `Use 2 or 3 (at most ${m.dims}).`);
  }
  if (m.dims > MAX_DIMS) {
    throw new TripletInputError('x', FN, `has ${m.dims} columns; exact PCA here handles up to ${MAX_DIMS}`,
      'Reduce the dimension first (e.g. embed with the model, or average-pool images).');
  }
  const { mean, cov } = covariance(m);
  const { values, vectors } = symmetricEigen(cov, m.dims);
  const d = m.dims;
  const components = vectors.slice(0, k * d);
  for (let c = 0; c < k; c++) {
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(components[c * d + j]) > Math.abs(big)) big = components[c * d + j];
    if (big < 0) for (let j = 0; j < d; j++) components[c * d + j] = -components[c * d + j];
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += cov[j * d + j];
  const variance = Array.from(values.subarray(0, k), (v) => Math.max(v, 0));
  const coords = new Float32Array(m.n * k);
  const row = new Float64Array(d);
  for (let i = 0; i < m.n; i++) {
    for (let j = 0; j < d; j++) row[j] = m.data[i * d + j] - mean[j];
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += row[j] * components[c * d + j];
      coords[i * k + c] = s;
    }
  }
  return {
    coords,
    dims: k,
    n: m.n,
    components,
    mean,
    explainedVariance: variance,
    explainedVarianceRatio: variance.map((v) => (total > 0 ? v / total : 0)),
  };
}

/** Projects new rows with a fitted PCA (same mean and axes), e.g. a later epoch's embeddings in a fixed frame. */
export function pcaTransform(model: Pick<PcaResult, 'components' | 'mean' | 'dims'>, x: MatrixInput): Float32Array {
  const m = toHostMatrix(x, 'x', 'pcaTransform');
  const d = model.mean.length;
  if (m.dims !== d) {
    throw new TripletInputError('x', 'pcaTransform', `has ${m.dims} columns but the PCA was fitted on ${d}`, 'Project embeddings of the same width.');
  }
  const out = new Float32Array(m.n * model.dims);
  for (let i = 0; i < m.n; i++) {
    for (let c = 0; c < model.dims; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (m.data[i * d + j] - model.mean[j]) * model.components[c * d + j];
      out[i * model.dims + c] = s;
    }
  }
  return out;
}
