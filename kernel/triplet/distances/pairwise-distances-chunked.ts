import * as tf from '@tensorflow/tfjs';
import { assertEmbeddings, TripletInputError } from '../validation';
import { DistanceOptions } from './types';
import { pairwiseDistancesUnchecked } from './pairwise-distances';
import { l2Normalize } from './l2-normalize';

export interface ChunkOptions extends DistanceOptions {
  /** Upper bound on one block of the distance matrix, in bytes (float32). Default 64 MiB. */
  maxBytes?: number;
}

/** One block of rows of the distance matrix, handed to the callback and disposed after it returns. */
export interface DistanceBlock {
  /** d(x_i, y_j) for i in [rowStart, rowEnd). */
  distances: tf.Tensor2D;
  rowStart: number;
  rowEnd: number;
}

/**
 * Visits the distance matrix of x against y (y defaults to x) in row blocks so that no more than
 * `maxBytes` of it exist at a time, e.g. for retrieval metrics or histograms over thousands of
 * points. Returns the callback's results in block order. The block tensor is disposed after the
 * callback; tensors the callback creates are its own to manage. When y is x, a block's entries
 * d(x_i, x_i) are exactly 0.
 */
export function pairwiseDistancesChunked<R>(
  x: tf.Tensor2D,
  y: tf.Tensor2D | undefined,
  fn: (block: DistanceBlock) => R,
  options: ChunkOptions = {},
): R[] {
  const name = 'pairwiseDistancesChunked';
  assertEmbeddings(x, 'x', name);
  if (y !== undefined) {
    assertEmbeddings(y, 'y', name);
    if (y.shape[1] !== x.shape[1]) {
      throw new TripletInputError('y', name, `has ${y.shape[1]} columns but x has ${x.shape[1]}`,
        'Both sets of embeddings must have the same dimension.');
    }
  }
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const cols = (y ?? x).shape[0];
  const rowsPerBlock = Math.floor(maxBytes / (4 * cols));
  if (!(rowsPerBlock >= 1)) {
    throw new TripletInputError('options.maxBytes', name, `(${maxBytes}) is smaller than one row of ${cols} float32 distances`,
      `Use maxBytes ≥ ${4 * cols}.`);
  }
  const normalize = options.normalize || options.distance === 'cosine';
  const a = normalize ? l2Normalize(x) : x;
  const b = y === undefined ? a : normalize ? l2Normalize(y) : y;
  const results: R[] = [];
  try {
    for (let start = 0; start < x.shape[0]; start += rowsPerBlock) {
      const end = Math.min(start + rowsPerBlock, x.shape[0]);
      const block = tf.tidy(() => {
        const rows = tf.slice(a, [start, 0], [end - start, -1]);
        const d = pairwiseDistancesUnchecked(rows, b, { distance: options.distance, normalize: false });
        if (y !== undefined) return d;
        // Same-point entries sit at column start + i of block row i; zero them exactly.
        const diag = tf.oneHot(tf.range(start, end, 1, 'int32'), cols);
        return tf.mul(d, tf.sub(1, diag)) as tf.Tensor2D;
      });
      try {
        results.push(fn({ distances: block, rowStart: start, rowEnd: end }));
      } finally {
        block.dispose();
      }
    }
  } finally {
    if (a !== x) a.dispose();
    if (b !== a && b !== y) b.dispose();
  }
  return results;
}
