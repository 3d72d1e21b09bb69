import { SpaceTree } from './barnes-hut';
import { nnDescent, type KnnGraph } from './nn-descent';
import { tsneAffinities, type SparseAffinities } from './tsne-affinities';
import type { LayoutRun } from './umap';

export interface TsneParams {
  /** Effective number of neighbours (default 30). */
  perplexity: number;
  /** Gradient-descent iterations of a cold start, early exaggeration included (default 500). */
  iterations: number;
  /** Barnes–Hut accuracy: a cell narrower than θ × its distance counts as one body (default 0.8). */
  theta: number;
  /** Step size; 'auto' is max(n / 12 / 4, 50) (Belkina et al. 2019, scikit-learn's default). */
  learningRate: number | 'auto';
  /** Attraction multiplier of the first phase (default 12). */
  earlyExaggeration: number;
}

/**
 * θ 0.8 and 500 iterations: on 5,000 MNIST digits they give the trustworthiness of θ 0.5 and 750
 * iterations (0.9846 against 0.9848) in 70% of the time (bench/projection, RESULTS.md).
 */
export const TSNE_DEFAULTS = { perplexity: 30, theta: 0.8, iterations: 500, learningRate: 'auto' as const, earlyExaggeration: 12 };

/** Iterations a cold start spends with exaggerated attraction, as in scikit-learn. */
const EXAGGERATION_ITERATIONS = 250;
/** A warm start skips exaggeration and runs this share of the iterations from the previous layout. */
const WARM_ITERATION_SHARE = 0.15;

/**
 * Barnes–Hut t-SNE (van der Maaten 2014), 2-d or 3-d, with scikit-learn's optimiser: PCA start scaled to
 * standard deviation 1e-4, momentum 0.5 then 0.8, per-coordinate gains (+0.2 / ×0.8, floor 0.01),
 * early exaggeration for the first 250 iterations. P comes from NN-descent's 3·perplexity nearest
 * neighbours. A warm start (previous layout as `init`) keeps its scale and skips exaggeration.
 */
export function tsneLayout(x: Float32Array, n: number, d: number, params: TsneParams, run: LayoutRun): { coords: Float32Array; graph: KnnGraph } {
  const k = Math.min(n - 1, Math.floor(3 * params.perplexity));
  // Perplexity's neighbourhoods are large (3·perplexity) and t-SNE forgives a few misses: a
  // looser search (fewer candidates, stop at 1% updates) keeps > 97% of the exact lists at half the cost.
  const graph = nnDescent(x, n, d, k, { seed: run.seed, init: run.knnInit, maxCandidates: Math.min(k, 16), delta: 0.01, ...JSON.parse(process.env.TSNE_KNN || '{}') }); // EXPERIMENT
  const P = tsneAffinities(graph, n, params.perplexity);
  const dims = run.dims === 3 ? 3 : 2;
  const y = run.warm ? Float32Array.from(run.init) : scaledStart(run.init, n, dims);
  const iterations = run.warm ? Math.max(20, Math.round(params.iterations * WARM_ITERATION_SHARE)) : params.iterations;
  const exaggerated = run.warm ? 0 : Math.min(Number(process.env.TSNE_EE || EXAGGERATION_ITERATIONS), iterations); // EXPERIMENT
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

/**
 * Σⱼ pᵢⱼ qᵢⱼ (yᵢ − yⱼ) into out[dims·i …], qᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²). P is symmetric: each
 * pair is measured once (entries with j > i) and pulls both ends.
 */
function attraction(y: Float32Array, n: number, dims: number, P: SparseAffinities, out: Float64Array): void {
  out.fill(0);
  const { rowStart, cols, vals } = P;
  for (let i = 0; i < n; i++) {
    const pi = dims * i;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = cols[e];
      if (j < i) continue;
      const pj = dims * j;
      let d2 = 0;
      for (let c = 0; c < dims; c++) {
        const v = y[pi + c] - y[pj + c];
        d2 += v * v;
      }
      const pq = vals[e] / (1 + d2);
      for (let c = 0; c < dims; c++) {
        const f = pq * (y[pi + c] - y[pj + c]);
        out[pi + c] += f;
        out[pj + c] -= f;
      }
    }
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
