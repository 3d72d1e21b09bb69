import { blockDistances, referenceOperands } from '../metrics/block-distances';
import type { DistanceName } from '../distances/types';

/** Above this many entries (16 MB of float32) the snapshot keeps the row-at-a-time paths. */
export const MATRIX_LIMIT = 4_000_000;

/**
 * All n × n distances in float32, through the same block op as `chunkedKnn` (one block), so
 * neighbours picked from these rows are the ones `chunkedKnn` picks. Writes into `out` when it
 * has n × n entries, so a watch reuses one buffer across redraws.
 */
export function distanceMatrix(x: Float32Array, n: number, d: number, distance: DistanceName, out?: Float32Array): Float32Array {
  const ref = referenceOperands(x, n, d, distance);
  try {
    return blockDistances(x, n, d, ref, distance, out);
  } finally {
    ref.refT.dispose();
  }
}
