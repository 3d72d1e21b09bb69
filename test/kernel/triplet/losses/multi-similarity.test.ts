import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { multiSimilarityLoss } from '../../../../kernel/triplet/losses';
import { multiSimilarityMiner, type MinedPairs } from '../../../../kernel/triplet/miners';
import { mean } from '../../../../kernel/triplet/reducers';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import { assertClose, checkGradient, dist, randomPoints, useCpu } from '../brute-force';

before(useCpu);

const LABELS = [0, 0, 1, 1, 2, 2, 0, 1, 3];
const X = randomPoints(LABELS.length, 4, 17);
const sim = (a: number[], b: number[]) => 1 - dist(a, b, 'cosine');

/** Brute force, straight from Wang et al. 2019 eq. 6 with PML's defaults. */
function bruteLoss(x: number[][], labels: number[], keep: (a: number, j: number, positive: boolean) => boolean, alpha = 2, beta = 50, base = 0.5): number[] {
  return labels.map((l, a) => {
    let ps = 0;
    let ns = 0;
    labels.forEach((m, j) => {
      if (j === a || !keep(a, j, m === l)) return;
      if (m === l) ps += Math.exp(-alpha * (sim(x[a], x[j]) - base));
      else ns += Math.exp(beta * (sim(x[a], x[j]) - base));
    });
    return Math.log(1 + ps) / alpha + Math.log(1 + ns) / beta;
  });
}

/** Brute-force miner: (a, j) kept by the ε rules of Wang et al. 2019 §3.2 / PML. */
function bruteMine(x: number[][], labels: number[], eps: number): Set<string> {
  const kept = new Set<string>();
  labels.forEach((l, a) => {
    const pos = labels.map((_, j) => j).filter((j) => j !== a && labels[j] === l).map((j) => sim(x[a], x[j]));
    const neg = labels.map((_, j) => j).filter((j) => labels[j] !== l).map((j) => sim(x[a], x[j]));
    labels.forEach((m, j) => {
      if (j === a) return;
      const s = sim(x[a], x[j]);
      if (m === l && neg.length && s - eps < Math.max(...neg)) kept.add(`p${a},${j}`);
      if (m !== l && pos.length && s + eps > Math.min(...pos)) kept.add(`n${a},${j}`);
    });
  });
  return kept;
}

function keys(p: MinedPairs): Set<string> {
  const out = new Set<string>();
  p.posAnchors.forEach((a, t) => out.add(`p${a},${p.positives[t]}`));
  p.negAnchors.forEach((a, t) => out.add(`n${a},${p.negatives[t]}`));
  return out;
}

test('multiSimilarityLoss over all pairs matches brute force, for default and other parameters', () => {
  const x = tf.tensor2d(X);
  for (const o of [{}, { alpha: 1, beta: 10, base: 0 }, { alpha: 5, beta: 80, base: 0.8 }]) {
    const got = Array.from(multiSimilarityLoss(x, LABELS, undefined, o).dataSync());
    const want = bruteLoss(X, LABELS, () => true, o.alpha, o.beta, o.base);
    got.forEach((v, i) => assertClose(v, want[i], 1e-4, `anchor ${i} ${JSON.stringify(o)}`));
  }
  x.dispose();
});

test('multiSimilarityMiner keeps exactly the pairs of the ε rules, and the loss over them matches brute force', () => {
  const x = tf.tensor2d(X);
  for (const eps of [0, 0.1, 0.5]) {
    const pairs = multiSimilarityMiner(x, LABELS, { epsilon: eps });
    const want = bruteMine(X, LABELS, eps);
    assert.deepEqual([...keys(pairs)].sort(), [...want].sort(), `epsilon ${eps}`);
    const got = Array.from(multiSimilarityLoss(x, LABELS, pairs).dataSync());
    const brute = bruteLoss(X, LABELS, (a, j, positive) => want.has(`${positive ? 'p' : 'n'}${a},${j}`));
    got.forEach((v, i) => assertClose(v, brute[i], 1e-4, `anchor ${i}, epsilon ${eps}`));
  }
  // Class 3 has one sample: no positives, so that anchor has no pairs at all.
  const pairs = multiSimilarityMiner(x, LABELS);
  assert.ok(!pairs.negAnchors.includes(8) && !pairs.posAnchors.includes(8));
  x.dispose();
});

test('multiSimilarityLoss gradient matches finite differences, mined and unmined', () => {
  const x = tf.tensor2d(X);
  const pairs = multiSimilarityMiner(x, LABELS, { epsilon: 0.3 });
  x.dispose();
  const coords: [number, number][] = [[0, 0], [1, 2], [3, 1], [7, 3]];
  checkGradient((v) => tf.tidy(() => mean(multiSimilarityLoss(v, LABELS, undefined, { beta: 10 }))), X, coords, 2e-2, 1e-3);
  checkGradient((v) => tf.tidy(() => mean(multiSimilarityLoss(v, LABELS, pairs, { beta: 10 }))), X, coords, 2e-2, 1e-3);
});

test('bad parameters and pairs name the argument', () => {
  const x = tf.tensor2d(X);
  assert.throws(() => multiSimilarityLoss(x, LABELS, undefined, { alpha: 0 }), /multiSimilarityLoss: argument 'options.alpha' is 0/);
  assert.throws(() => multiSimilarityLoss(x, LABELS, undefined, { base: Number.NaN }), /argument 'options.base' is NaN/);
  const bad = { posAnchors: Int32Array.from([0]), positives: Int32Array.from([2]), negAnchors: new Int32Array(0), negatives: new Int32Array(0) };
  assert.throws(() => multiSimilarityLoss(x, LABELS, bad), (e: unknown) => e instanceof TripletInputError && /'pairs.positives' entry 0 \(0, 2\)/.test(e.message));
  assert.throws(() => multiSimilarityMiner(x, LABELS, { epsilon: Number.NaN }), /multiSimilarityMiner: argument 'options.epsilon'/);
  x.dispose();
});
