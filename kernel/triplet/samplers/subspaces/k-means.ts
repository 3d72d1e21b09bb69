import * as tf from '@tensorflow/tfjs';
import { hostValues } from '../../backend/host-values';
import { toHostMatrix, type MatrixInput } from '../../metrics/matrix-input';
import { pacer, type PacerOptions } from '../../training/pacer';
import { TripletInputError } from '../../validation';
import { createRandom } from '../random';

export interface KMeansOptions extends PacerOptions {
  seed?: number;
  /** Most Lloyd iterations (default 25). */
  iterations?: number;
  /**
   * Stops once an iteration moves at most this fraction of the points to another cluster
   * (default 0.001; 0 waits for no change at all). Over many near-equal groups (identity
   * families) a few points keep switching for dozens of iterations without changing the groups.
   */
  tolerance?: number;
}

export interface KMeansResult {
  /** `k × dims` row-major. */
  centroids: Float32Array;
  k: number;
  dims: number;
  /** Cluster of each point. */
  assignments: Int32Array;
  /** Sum of squared distances of points to their centroid. */
  inertia: number;
  /** Lloyd iterations run. */
  iterations: number;
  /** True when the signal or `triplet.stop()` ended it early; the assignments are then those of the centroids so far. */
  stopped: boolean;
}

const FN = 'kMeans';
/** Points between checks of the clock: each check may yield to the event loop. */
const CHECK_EVERY = 1024;
/** Product block of the assignment step, in floats (4M = 16 MB). */
const BLOCK_FLOATS = 4_000_000;

/**
 * Lloyd's k-means with k-means++ seeding (Arthur & Vassilvitskii 2007: each new centre drawn with
 * probability ∝ squared distance to the nearest chosen one), seeded for reproducibility, on typed
 * arrays: O(points × dims + k × dims) memory plus one 16 MB product block, O(points × k × dims) time per iteration. Yields to
 * the event loop every `sliceMs` so interrupts, comm messages and `triplet.stop()` land, and
 * reports progress ('seeding' in centres, 'iterations' in Lloyd iterations). A cluster that
 * empties is re-seeded at the point farthest from its centroid.
 */
export async function kMeans(points: MatrixInput, k: number, options: KMeansOptions = {}): Promise<KMeansResult> {
  const x = toHostMatrix(points, 'points', FN);
  const { n, dims: d, data } = x;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new TripletInputError('k', FN, `is ${k} for ${n} points`, `Use an integer 1 ≤ k ≤ ${n}.`);
  }
  const maxIterations = options.iterations ?? 25;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new TripletInputError('options.iterations', FN, `is ${String(options.iterations)}`, 'Use a positive integer, e.g. 25.');
  }
  const tolerance = options.tolerance ?? 0.001;
  if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance < 1)) {
    throw new TripletInputError('options.tolerance', FN, `is ${String(options.tolerance)}`, 'Use a fraction of the points in [0, 1), e.g. 0.001.');
  }
  const pace = pacer(options);
  try {
    const rng = createRandom(options.seed ?? 0);
    const centroids = new Float32Array(k * d);
    const sqDist = (i: number, c: number): number => {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = data[i * d + j] - centroids[c * d + j];
        s += t * t;
      }
      return s;
    };
    // k-means++ seeding.
    const first = rng.int(n);
    centroids.set(data.subarray(first * d, first * d + d), 0);
    const nearest = new Float64Array(n);
    for (let i = 0; i < n; i++) nearest[i] = sqDist(i, 0);
    let chosen = 1;
    while (chosen < k && !pace.stopped) {
      let i = rng.weighted(nearest);
      if (i < 0) i = rng.int(n);
      centroids.set(data.subarray(i * d, i * d + d), chosen * d);
      const c = chosen++;
      for (let p = 0; p < n; p++) {
        const s = sqDist(p, c);
        if (s < nearest[p]) nearest[p] = s;
        if (p % CHECK_EVERY === 0) {
          const wait = pace.tick({ phase: 'seeding', done: c, total: k });
          if (wait) await wait;
        }
      }
    }
    pace.finish({ phase: 'seeding', done: chosen, total: k });
    const clusters = chosen;
    const assignments = new Int32Array(n).fill(-1);
    const best = new Float64Array(n);
    const xSq = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += data[i * d + j] * data[i * d + j];
      xSq[i] = s;
    }
    const cSq = new Float64Array(clusters);
    // ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖²: the products x·c of a block of points run as one matrix
    // product on the backend (on wasm ~10× the speed of the same loop in JavaScript), points as
    // the left operand so only the small centroid matrix is repacked per call.
    const rowsPerBlock = Math.max(1, Math.min(n, Math.floor(BLOCK_FLOATS / clusters)));
    const assign = async (): Promise<number> => {
      for (let c = 0; c < clusters; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += centroids[c * d + j] * centroids[c * d + j];
        cSq[c] = s;
      }
      const ct = tf.tidy(() => tf.transpose(tf.tensor2d(centroids.subarray(0, clusters * d), [clusters, d])));
      let changed = 0;
      try {
        for (let start = 0; start < n; start += rowsPerBlock) {
          const rows = Math.min(rowsPerBlock, n - start);
          const gram = tf.tidy(() => tf.matMul(tf.tensor2d(data.subarray(start * d, (start + rows) * d), [rows, d]), ct));
          const g = hostValues(gram);
          for (let r = 0; r < rows; r++) {
            const i = start + r;
            let bc = 0;
            let bd = Infinity;
            for (let c = 0; c < clusters; c++) {
              const v = cSq[c] - 2 * g[r * clusters + c];
              if (v < bd) { bd = v; bc = c; }
            }
            const sq = xSq[i] + bd;
            best[i] = sq > 0 ? sq : 0;
            if (assignments[i] !== bc) { assignments[i] = bc; changed++; }
          }
          gram.dispose();
          const wait = pace.tick({ phase: 'iterations', done: iterations, total: maxIterations });
          if (wait) await wait;
        }
      } finally {
        ct.dispose();
      }
      return changed;
    };
    let iterations = 0;
    const sums = new Float64Array(clusters * d);
    const counts = new Int32Array(clusters);
    while (iterations < maxIterations && !pace.stopped) {
      const changed = await assign();
      iterations++;
      if (changed === 0 || (iterations > 1 && changed <= tolerance * n) || pace.stopped) break;
      sums.fill(0);
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        const c = assignments[i];
        counts[c]++;
        for (let j = 0; j < d; j++) sums[c * d + j] += data[i * d + j];
      }
      for (let c = 0; c < clusters; c++) {
        if (counts[c] > 0) {
          for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j] / counts[c];
          continue;
        }
        let far = 0;
        for (let i = 1; i < n; i++) if (best[i] > best[far]) far = i;
        centroids.set(data.subarray(far * d, far * d + d), c * d);
        best[far] = 0;
      }
    }
    // Stopped mid-way (or before any iteration): the points still get their nearest centroid so far.
    if (iterations === 0 || pace.stopped) await assign();
    pace.finish({ phase: 'iterations', done: iterations, total: maxIterations });
    let inertia = 0;
    for (let i = 0; i < n; i++) inertia += best[i];
    return { centroids: centroids.slice(0, clusters * d), k: clusters, dims: d, assignments, inertia, iterations, stopped: pace.stopped };
  } finally {
    pace.end();
  }
}
