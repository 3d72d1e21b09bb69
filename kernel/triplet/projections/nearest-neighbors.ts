import { chunkedKnn } from '../metrics/knn';
import { toHostMatrix, type MatrixInput } from '../metrics/matrix-input';
import type { DistanceName } from '../distances/types';
import { TripletInputError } from '../validation/errors';

/**
 * The k nearest other points of every point in EMBEDDING space (not in the 2-d/3-d projection),
 * exact and block by block; the projection view uses them to show which neighbours a
 * projection tore apart. `indices` is n × k row-major, nearest first.
 */
export function nearestNeighbors(x: MatrixInput, k: number, options: { distance?: DistanceName } = {}): { k: number; indices: Int32Array; distances: Float32Array } {
  const FN = 'nearestNeighbors';
  const m = toHostMatrix(x, 'x', FN);
  if (!Number.isInteger(k) || k < 1 || k >= m.n) {
    throw new TripletInputError('k', FN, `is ${k} for ${m.n} points`, `Use an integer between 1 and ${m.n - 1}, e.g. 10.`);
  }
  const r = chunkedKnn(m, m, { k, distance: options.distance ?? 'euclidean', excludeSelf: true });
  return { k: r.k, indices: r.indices, distances: r.distances };
}
