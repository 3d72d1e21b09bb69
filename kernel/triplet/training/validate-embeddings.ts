import type * as tf from '@tensorflow/tfjs';
import { retrievalMetrics } from '../metrics';
import { normalizeRowsInPlace } from '../distances/row-norms';
import type { DistanceName } from '../distances/types';
import { embed } from './embed';
import type { EmbeddingModel } from './types';

/** Leave-one-out retrieval on held-out data (PML AccuracyCalculator): precision@1 and MAP@R. */
export function validateEmbeddings(model: EmbeddingModel, x: tf.Tensor2D, labels: Int32Array, normalize: boolean, distance: DistanceName): { precisionAtOne: number; mapAtR: number } {
  const e = embed(model, x);
  if (normalize) normalizeRowsInPlace(e.data, e.n, e.dims);
  const m = retrievalMetrics({ x: e.data, n: e.n, dims: e.dims }, labels, { distance, k: 1 });
  return { precisionAtOne: m.precisionAtOne, mapAtR: m.mapAtR };
}
