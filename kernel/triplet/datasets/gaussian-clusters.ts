import { createRandom } from '../samplers/random';
import { TripletInputError } from '../validation/errors';
import { makeDataset, type Dataset } from './dataset';

export interface GaussianClustersOptions {
  classes?: number;
  perClass?: number;
  dims?: number;
  /** Standard deviation of every cluster around its centre; centres are N(0, 1) per axis. Default 0.3. */
  spread?: number;
  seed?: number;
}

/**
 * Isotropic Gaussian blobs (scikit-learn `make_blobs` style): a quick labelled dataset whose
 * difficulty is set by `spread`. Samples come shuffled (by `seed`) so any prefix holds all classes.
 */
export function gaussianClusters(options: GaussianClustersOptions = {}): Dataset {
  const { classes = 4, perClass = 50, dims = 2, spread = 0.3, seed = 0 } = options;
  const FN = 'gaussianClusters';
  for (const [name, v] of [['classes', classes], ['perClass', perClass], ['dims', dims]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new TripletInputError(`options.${name}`, FN, `is ${v}`, 'Use a positive integer.');
  }
  if (!(spread >= 0)) throw new TripletInputError('options.spread', FN, `is ${spread}`, 'Use a non-negative standard deviation, e.g. 0.3.');
  const rnd = createRandom(seed);
  // Box–Muller: two uniforms → one standard normal (the second is dropped for simplicity).
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());
  const centres = Float64Array.from({ length: classes * dims }, normal);
  const n = classes * perClass;
  const order = rnd.shuffle(Array.from({ length: n }, (_, i) => i));
  const x = new Float32Array(n * dims);
  const labels = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const c = Math.floor(order[s] / perClass);
    labels[s] = c;
    for (let d = 0; d < dims; d++) x[s * dims + d] = centres[c * dims + d] + spread * normal();
  }
  return makeDataset(x, labels, dims, Array.from({ length: classes }, (_, c) => `cluster ${c}`));
}
