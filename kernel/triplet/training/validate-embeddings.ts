import type * as tf from '@tensorflow/tfjs';
import { retrievalMetrics } from '../metrics';
import type { DistanceName } from '../distances/types';
import { embed } from './embed';
import type { EmbeddingModel } from './types';

/** Leave-one-out retrieval on held-out data (PML AccuracyCalculator): precision@1 and MAP@R. */
export function validateEmbeddings(model: EmbeddingModel, x: tf.Tensor2D, labels: Int32Array, normalize: boolean, distance: DistanceName): { precisionAtOne: number; mapAtR: number } {
  const e = embed(model, x);
  if (normalize) {
    for (let i = 0; i < e.n; i++) {
      let s = 0;
      for (let j = 0; j < e.dims; j++) s += e.data[i * e.dims + j] ** 2;
      const inv = 1 / Math.sqrt(Math.max(s, 1e-12));
      for (let j = 0; j < e.dims; j++) e.data[i * e.dims + j] *= inv;
    }
  }
  const m = retrievalMetrics({ x: e.data, n: e.n, dims: e.dims }, labels, { distance, k: 1 });
  return { precisionAtOne: m.precisionAtOne, mapAtR: m.mapAtR };
}
