import { SpaceTree } from './barnes-hut';
import { nnDescent, type KnnGraph } from './nn-descent';
import { tsneAffinities, type SparseAffinities } from './tsne-affinities';
import type { LayoutRun } from './umap';

export interface TsneParams {
  /** Effective number of neighbours (default 30). */
  perplexity: number;
  /** Gradient-descent iterations of a cold start, early exaggeration included (default 300). */
  iterations: number;
  /** Barnes–Hut accuracy: a cell narrower than θ × its distance counts as one body (default 0.8). */
  theta: number;
  /** Step size; 'auto' is max(n / 12 / 4, 50) (Belkina et al. 2019, scikit-learn's default). */
  learningRate: number | 'auto';
  /** Attraction multiplier of the first phase (default 12). */
  earlyExaggeration: number;
}

/**
 * θ 0.8 and 300 iterations, 100 of them exaggerated (scikit-learn: θ 0.5, 1,000 and 250): with
 * the learning rate n / 12 (Belkina et al. 2019, in our gradient's units) the layout settles
 * early. On 5,000 MNIST digits they give trustworthiness 0.985, as 500 iterations with 250
 * exaggerated did and as scikit-learn's run does, in 60% of the time (bench/projection, RESULTS.md).
 */
export const TSNE_DEFAULTS = { perplexity: 30, theta: 0.8, iterations: 300, learningRate: 'auto' as const, earlyExaggeration: 12 };

/** Iterations a cold start spends with exaggerated attraction (scikit-learn: 250; see TSNE_DEFAULTS). */
const EXAGGERATION_ITERATIONS = 100;
/** A warm start skips exaggeration and runs this share of the iterations from the previous layout. */
const WARM_ITERATION_SHARE = 0.15;

/**
 * Barnes–Hut t-SNE (van der Maaten 2014), 2-d or 3-d, with scikit-learn's optimiser: PCA start scaled to
 * standard deviation 1e-4, momentum 0.5 then 0.8, per-coordinate gains (+0.2 / ×0.8, floor 0.01),
 * early exaggeration for the first 100 iterations. P comes from NN-descent's 3·perplexity nearest
 * neighbours. A warm start (previous layout as `init`) keeps its scale and skips exaggeration.
 */
export function tsneLayout(x: Float32Array, n: number, d: number, params: TsneParams, run: LayoutRun): { coords: Float32Array; graph: KnnGraph } {
  const k = Math.min(n - 1, Math.floor(3 * params.perplexity));
  // Perplexity's neighbourhoods are large (3·perplexity) and t-SNE forgives misses among the far
  // ones, whose p is tiny: three local joins of 12 candidates find 90% of the exact lists (95% of
  // the nearest 30) in 40% of the time of a converged search, with the same trustworthiness
  // (bench/projection, RESULTS.md). Lists resumed from the previous cell get one join: the search
  // would otherwise be most of a warm redraw.
  const graph = nnDescent(x, n, d, k, { seed: run.seed, init: run.knnInit, maxCandidates: Math.min(k, 12), iterations: run.knnInit ? 1 : 3 });
  const P = upperTriangle(tsneAffinities(graph, n, params.perplexity), n);
  const dims = run.dims === 3 ? 3 : 2;
  const y = run.warm ? Float32Array.from(run.init) : scaledStart(run.init, n, dims);
  const iterations = run.warm ? Math.max(20, Math.round(params.iterations * WARM_ITERATION_SHARE)) : params.iterations;
  const exaggerated = run.warm ? 0 : Math.min(EXAGGERATION_ITERATIONS, iterations);
  const lr = params.learningRate === 'auto' ? Math.max(n / params.earlyExaggeration / 4, 50) : params.learningRate;
  const theta2 = params.theta * params.theta;
  const size = dims * n;
  const update = new Float64Array(size);
  const gains = new Float64Array(size).fill(1);
  const repulse = new Float64Array(size);
  const attract = new Float64Array(size);
  const tree = new SpaceTree(dims);
  const tickEvery = Math.max(1, Math.floor(iterations / 50));
  for (let it = 0; it < iterations; it++) {
    const exaggeration = it < exaggerated ? params.earlyExaggeration : 1;
    const momentum = it < exaggerated ? 0.5 : 0.8;
    tree.build(y, n);
    const z = tree.repulsion(y, n, theta2, repulse);
    const invZ = 1 / Math.max(z, 1e-12);
    attraction(y, n, dims, P, attract);
    for (let c = 0; c < size; c++) {
      const g = 4 * (exaggeration * attract[c] - repulse[c] * invZ);
      let gain = gains[c];
      gain = update[c] * g < 0 ? gain + 0.2 : gain * 0.8;
      if (gain < 0.01) gain = 0.01;
      gains[c] = gain;
      update[c] = momentum * update[c] - lr * gain * g;
      y[c] += update[c];
    }
    if (run.tick && ((it + 1) % tickEvery === 0 || it + 1 === iterations) && run.tick(it + 1, iterations) === false) break;
  }
  return { coords: y, graph };
}

/** The entries of symmetric P with j > i: each pair once, pulling both ends. */
function upperTriangle(P: SparseAffinities, n: number): SparseAffinities {
  const rowStart = new Int32Array(n + 1);
  let size = 0;
  for (let i = 0; i < n; i++) for (let e = P.rowStart[i]; e < P.rowStart[i + 1]; e++) if (P.cols[e] > i) size++;
  const cols = new Int32Array(size);
  const vals = new Float32Array(size);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let e = P.rowStart[i]; e < P.rowStart[i + 1]; e++) {
      if (P.cols[e] <= i) continue;
      cols[at] = P.cols[e];
      vals[at++] = P.vals[e];
    }
    rowStart[i + 1] = at;
  }
  return { rowStart, cols, vals };
}

/**
 * Σⱼ pᵢⱼ qᵢⱼ (yᵢ − yⱼ) into out[dims·i …], qᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²), from the upper triangle
 * of symmetric P (each pair measured once, both ends pulled). 2-d is written out: it is the usual case.
 */
function attraction(y: Float32Array, n: number, dims: number, upper: SparseAffinities, out: Float64Array): void {
  out.fill(0);
  const { rowStart, cols, vals } = upper;
  if (dims === 2) {
    for (let i = 0; i < n; i++) {
      const yx = y[2 * i], yy = y[2 * i + 1];
      let ax = 0, ay = 0;
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const j = cols[e];
        const dx = yx - y[2 * j];
        const dy = yy - y[2 * j + 1];
        const pq = vals[e] / (1 + dx * dx + dy * dy);
        ax += pq * dx;
        ay += pq * dy;
        out[2 * j] -= pq * dx;
        out[2 * j + 1] -= pq * dy;
      }
      out[2 * i] += ax;
      out[2 * i + 1] += ay;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const yx = y[3 * i], yy = y[3 * i + 1], yz = y[3 * i + 2];
    let ax = 0, ay = 0, az = 0;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = cols[e];
      const dx = yx - y[3 * j];
      const dy = yy - y[3 * j + 1];
      const dz = yz - y[3 * j + 2];
      const pq = vals[e] / (1 + dx * dx + dy * dy + dz * dz);
      ax += pq * dx;
      ay += pq * dy;
      az += pq * dz;
      out[3 * j] -= pq * dx;
      out[3 * j + 1] -= pq * dy;
      out[3 * j + 2] -= pq * dz;
    }
    out[3 * i] += ax;
    out[3 * i + 1] += ay;
    out[3 * i + 2] += az;
  }
}

/** The PCA start scaled so its first axis has standard deviation 1e-4 (scikit-learn's init='pca'). */
function scaledStart(init: Float32Array, n: number, dims: number): Float32Array {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += init[dims * i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (init[dims * i] - mean) ** 2;
  const sd = Math.sqrt(v / n);
  const s = sd > 0 ? 1e-4 / sd : 1;
  return Float32Array.from(init, (a) => a * s);
}
