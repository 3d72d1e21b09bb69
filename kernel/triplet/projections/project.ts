import type { MatrixInput } from '../metrics/matrix-input';
import { TripletInputError } from '../validation/errors';
import { pca } from './pca';

export type ProjectionMethodName = 'pca' | 'umap' | 'tsne';

/**
 * One entry point for the projection view: `pca` is exact; `umap` and `tsne` are named so the
 * error says plainly that they are not available yet rather than "unknown method".
 */
export function project(x: MatrixInput, options: { method?: ProjectionMethodName; dims?: 2 | 3 } = {}): { coords: Float32Array; dims: number; explainedVariance?: number[] } {
  const method = options.method ?? 'pca';
  const dims = options.dims ?? 2;
  if (method === 'pca') {
    const r = pca(x, { components: dims });
    return { coords: r.coords, dims: r.dims, explainedVariance: r.explainedVarianceRatio };
  }
  if (method === 'umap' || method === 'tsne') {
    throw new TripletInputError('options.method', 'project', `is '${method}': projection '${method}' is not available yet`, "Use method: 'pca'.");
  }
  throw new TripletInputError('options.method', 'project', `is ${JSON.stringify(method)}`, "Use 'pca' ('umap' and 'tsne' are not available yet).");
}
