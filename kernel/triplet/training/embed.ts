import * as tf from '@tensorflow/tfjs';
import type { EmbeddingModel } from './types';

/** Runs the model (inference mode) on `x` in chunks of `batchSize` rows; returns n × d on the host. */
export function embed(model: EmbeddingModel, x: tf.Tensor2D, batchSize = 4096): { data: Float32Array; n: number; dims: number } {
  const n = x.shape[0];
  const parts: Float32Array[] = [];
  let dims = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const out = tf.tidy(() => {
      // One chunk is `x` itself. Otherwise gather, not slice: tfjs-backend-wasm's slice kernel
      // copies the WHOLE input to the host for every slice (6 MB per call for 2,000 MNIST rows).
      const chunk = size === n ? x : tf.gather(x, tf.range(start, start + size, 1, 'int32'));
      // `apply`, not `predict`: predict re-batches into 32-row slices, which on the wasm backend
      // made 2,000 MNIST rows take ~1 s instead of ~15 ms.
      const y = typeof model === 'function' ? model(chunk) : (model.apply(chunk, { training: false }) as tf.Tensor);
      return tf.reshape(y, [size, -1]);
    });
    dims = out.shape[1] as number;
    parts.push(out.dataSync() as Float32Array);
    out.dispose();
  }
  const data = new Float32Array(n * dims);
  let off = 0;
  for (const p of parts) {
    data.set(p, off);
    off += p.length;
  }
  return { data, n, dims };
}
