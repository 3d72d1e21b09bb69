import { SpaceTree } from './barnes-hut';
import { nnDescent, type KnnGraph } from './nn-descent';
import { tsneAffinities } from './tsne-affinities';
import { forcesOnOneThread, forceState } from './tsne-forces';
import { TsneTeam } from './tsne-team';
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
  /** Threads for the neighbour search, the affinities and the gradient: 1 is this thread alone; the layout is the same either way. */
  threads: number;
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
 * With params.threads > 1, helper threads (TsneTeam) share the neighbour search, the affinities
 * and every iteration's forces; the layout is bit-for-bit the one-thread layout.
 */
export function tsneLayout(x: Float32Array, n: number, d: number, params: TsneParams, run: LayoutRun): { coords: Float32Array; graph: KnnGraph } {
  const k = Math.min(n - 1, Math.floor(3 * params.perplexity));
  // Helpers start first: they load while the neighbour search runs.
  const team = params.threads > 1 ? new TsneTeam(params.threads - 1) : undefined;
  try {
    // Perplexity's neighbourhoods are large (3·perplexity) and t-SNE forgives misses among the far
    // ones, whose p is tiny: three local joins of 12 candidates find 90% of the exact lists (95% of
    // the nearest 30) in 40% of the time of a converged search, with the same trustworthiness
    // (bench/projection, RESULTS.md). Lists resumed from the previous cell get one join: the search
    // would otherwise be most of a warm redraw.
    const graph = nnDescent(x, n, d, k, { seed: run.seed, init: run.knnInit, maxCandidates: Math.min(k, 12), iterations: 3, resumedJoins: 1, measure: team?.measure });
    const P = tsneAffinities(graph, n, params.perplexity, team && ((job) => team.conditional(job)));
    const dims = run.dims === 3 ? 3 : 2;
    const start = run.warm ? Float32Array.from(run.init) : scaledStart(run.init, n, dims);
    const s = forceState(start, n, dims, params.theta * params.theta, P, team !== undefined);
    team?.share(s);
    const iterations = run.warm ? Math.max(20, Math.round(params.iterations * WARM_ITERATION_SHARE)) : params.iterations;
    const exaggerated = run.warm ? 0 : Math.min(EXAGGERATION_ITERATIONS, iterations);
    const lr = params.learningRate === 'auto' ? Math.max(n / params.earlyExaggeration / 4, 50) : params.learningRate;
    const size = dims * n;
    const update = new Float64Array(size);
    const gains = new Float64Array(size).fill(1);
    const { y, attract, repulse } = s;
    const tree = new SpaceTree(dims, team !== undefined);
    const tickEvery = Math.max(1, Math.floor(iterations / 50));
    for (let it = 0; it < iterations; it++) {
      const exaggeration = it < exaggerated ? params.earlyExaggeration : 1;
      const momentum = it < exaggerated ? 0.5 : 0.8;
      const z = team ? team.forces(s, tree) : forcesOnOneThread(s, tree);
      const invZ = 1 / Math.max(z, 1e-12);
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
    // The caller keeps the layout: a plain copy, not a view of memory the helpers shared.
    return { coords: team ? Float32Array.from(y) : y, graph };
  } finally {
    team?.close();
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
