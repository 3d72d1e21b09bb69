import * as tf from '@tensorflow/tfjs';
import type { HostMatrix } from '../metrics/matrix-input';

/** Above this many multiply-adds the d×d product runs on the TensorFlow.js backend instead of in JavaScript. */
const JS_LIMIT = 2e8;

/**
 * Column means and the sample covariance XcᵀXc / (n − 1) of the centred rows, in Float64.
 * Centring happens first, in Float64, so the float32 backend product used for large inputs
 * (e.g. 10,000 × 784 MNIST pixels: 3·10⁹ multiply-adds) only rounds small centred values.
 */
export function covariance(m: HostMatrix, jsLimit = JS_LIMIT): { mean: Float64Array; cov: Float64Array } {
  const { n, dims: d, data } = m;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = new Float64Array(d * d);
  const denom = Math.max(n - 1, 1);
  if ((n * d * d) / 2 > jsLimit) {
    const centred = new Float32Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = data[i * d + j] - mean[j];
    // A materialised transpose: transposed matMuls are ~10× slower on wasm (measured on the 2-core Node 20 machines this project runs on).
    const product = tf.tidy(() => {
      const x = tf.tensor2d(centred, [n, d]);
      return tf.matMul(tf.transpose(x), x);
    });
    const values = product.dataSync();
    product.dispose();
    for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) cov[i * d + j] = cov[j * d + i] = (values[i * d + j] + values[j * d + i]) / (2 * denom);
    return { mean, cov };
  }
  // Two centred rows per sweep of the triangle: half the loads and stores of `cov`.
  const a = new Float64Array(d);
  const b = new Float64Array(d);
  for (let r = 0; r < n; r += 2) {
    const pair = r + 1 < n;
    for (let j = 0; j < d; j++) {
      a[j] = data[r * d + j] - mean[j];
      b[j] = pair ? data[(r + 1) * d + j] - mean[j] : 0;
    }
    for (let i = 0; i < d; i++) {
      const ai = a[i];
      const bi = b[i];
      if (ai === 0 && bi === 0) continue;
      const base = i * d;
      for (let j = 0; j <= i; j++) cov[base + j] += ai * a[j] + bi * b[j];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const v = cov[i * d + j] / denom;
      cov[i * d + j] = v;
      cov[j * d + i] = v;
    }
  }
  return { mean, cov };
}
