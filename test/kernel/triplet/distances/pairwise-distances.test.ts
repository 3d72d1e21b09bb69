import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { pairwiseDistances, l2Normalize, pairwiseDistancesChunked } from '../../../../kernel/triplet/distances';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import { assertClose, dist, Name, randomPoints, useCpu } from '../brute-force';

before(useCpu);

const NAMES: Name[] = ['euclidean', 'squared-euclidean', 'cosine'];

test('pairwiseDistances matches direct per-pair distances for every distance', () => {
  const x = randomPoints(7, 5, 1);
  const y = randomPoints(4, 5, 2);
  for (const name of NAMES) {
    const self = tf.tidy(() => pairwiseDistances(tf.tensor2d(x), undefined, { distance: name }).arraySync());
    const cross = tf.tidy(() => pairwiseDistances(tf.tensor2d(x), tf.tensor2d(y), { distance: name }).arraySync());
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j < x.length; j++) assertClose(self[i][j], i === j ? 0 : dist(x[i], x[j], name), 1e-4, `${name} self ${i},${j}`);
      for (let j = 0; j < y.length; j++) assertClose(cross[i][j], dist(x[i], y[j], name), 1e-4, `${name} cross ${i},${j}`);
    }
  }
});

test('4 points on a line: hand-computed euclidean and squared distances', () => {
  const x = tf.tensor2d([[0], [1], [3], [6]]);
  assert.deepEqual(tf.tidy(() => pairwiseDistances(x).arraySync()), [[0, 1, 3, 6], [1, 0, 2, 5], [3, 2, 0, 3], [6, 5, 3, 0]]);
  assert.deepEqual(tf.tidy(() => pairwiseDistances(x, undefined, { distance: 'squared-euclidean' }).arraySync()),
    [[0, 1, 9, 36], [1, 0, 4, 25], [9, 4, 0, 9], [36, 25, 9, 0]]);
  x.dispose();
});

test('normalize option measures L2-normalised rows', () => {
  const x = [[3, 4], [0, 2]];
  const d = tf.tidy(() => pairwiseDistances(tf.tensor2d(x), undefined, { normalize: true }).arraySync());
  assertClose(d[0][1], dist([0.6, 0.8], [0, 1]), 1e-5, 'normalised distance');
});

test('duplicate embeddings: zero distance and finite (zero) gradient', () => {
  for (const name of NAMES) {
    const x = tf.tensor2d([[1, 2], [1, 2], [0, 1]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(pairwiseDistances(v as tf.Tensor2D, undefined, { distance: name })))(x);
    const values = g.dataSync();
    assert.ok(values.every(Number.isFinite), `${name} gradient finite: ${values}`);
    const d = tf.tidy(() => pairwiseDistances(x, undefined, { distance: name }).arraySync());
    assert.ok(Math.abs(d[0][1]) < 1e-6, `${name} duplicate distance ${d[0][1]}`);
    g.dispose();
    x.dispose();
  }
});

test('l2Normalize gives unit rows and leaves an all-zero row at zero', () => {
  const r = tf.tidy(() => l2Normalize(tf.tensor2d([[3, 4], [0, 0]])).arraySync());
  assertClose(r[0][0], 0.6, 1e-6, 'x');
  assertClose(r[0][1], 0.8, 1e-6, 'y');
  assert.deepEqual(r[1], [0, 0]);
});

test('chunked distances reassemble the full matrix within the byte budget, without leaks', () => {
  const x = tf.tensor2d(randomPoints(50, 3, 3));
  const full = tf.tidy(() => pairwiseDistances(x).arraySync());
  const before = tf.memory().numTensors;
  const rows: number[][] = [];
  const blocks = pairwiseDistancesChunked(x, undefined, ({ distances, rowStart, rowEnd }) => {
    assert.ok(distances.size * 4 <= 1000, 'block within budget');
    assert.equal(distances.shape[0], rowEnd - rowStart);
    rows.push(...(distances.arraySync() as number[][]));
    return rowStart;
  }, { maxBytes: 1000 });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(blocks, [0, 5, 10, 15, 20, 25, 30, 35, 40, 45]);
  for (let i = 0; i < 50; i++) for (let j = 0; j < 50; j++) assertClose(rows[i][j], full[i][j], 1e-5, `${i},${j}`);
  for (let i = 0; i < 50; i++) assert.equal(rows[i][i], 0);
  x.dispose();
});

test('bad inputs throw TripletInputError naming argument and function', () => {
  const nan = tf.tensor2d([[NaN, 1], [0, 1]]);
  assert.throws(() => pairwiseDistances(nan), (e: unknown) => e instanceof TripletInputError &&
    /pairwiseDistances/.test(e.message) && /'x'/.test(e.message) && /learning rate/.test(e.message));
  const ints = tf.tensor2d([[1, 2]], [1, 2], 'int32');
  assert.throws(() => pairwiseDistances(ints), /pairwiseDistances: argument 'x' must have dtype float32/);
  const x = tf.tensor2d([[1, 2]]);
  const y = tf.tensor2d([[1, 2, 3]]);
  assert.throws(() => pairwiseDistances(x, y), /argument 'y' has 3 columns/);
  assert.throws(() => pairwiseDistances(tf.tensor2d([], [0, 2])), /empty batch/);
  assert.throws(() => pairwiseDistances(x, undefined, { distance: 'manhattan' as never }), /options.distance/);
  assert.throws(() => pairwiseDistancesChunked(x, undefined, () => 0, { maxBytes: 2 }), /maxBytes/);
  tf.dispose([nan, ints, x, y]);
});

test('no tensor leak', () => {
  const x = tf.tensor2d(randomPoints(6, 3, 4));
  const before = tf.memory().numTensors;
  for (const name of NAMES) pairwiseDistances(x, undefined, { distance: name }).dispose();
  pairwiseDistances(x, x, { normalize: true }).dispose();
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
});
