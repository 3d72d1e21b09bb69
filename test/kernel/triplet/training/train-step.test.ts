import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import { configure, resetConfig } from '../../../../kernel/triplet/config';
import { resolveConfig } from '../../../../kernel/triplet/config/resolve';
import { trainStep } from '../../../../kernel/triplet/training/train-step';
import { allTriplets, dist, randomPoints } from '../brute-force';

// trainStep against plain numbers: the loss of one step is the brute-force mean of the non-zero
// hinges over every triplet, and SGD moves the weights by −lr × its finite-difference gradient.
before(async () => {
  await ready();
});
after(() => resetConfig());

const LABELS = [0, 0, 0, 1, 1, 2, 2, 2];
const IN = 3;
const OUT = 2;
const MARGIN = 0.5;

function bruteLoss(x: number[][], w: number[]): number {
  const e = x.map((row) => Array.from({ length: OUT }, (_, j) => row.reduce((acc, v, i) => acc + v * w[i * OUT + j], 0)));
  const hinges = allTriplets(LABELS).map((t) => Math.max(dist(e[t.a], e[t.p]) - dist(e[t.a], e[t.n]) + MARGIN, 0));
  const nonZero = hinges.filter((h) => h > 0);
  return nonZero.length ? nonZero.reduce((a, b) => a + b) / nonZero.length : 0;
}

describe('trainStep', () => {
  test('minimises the brute-force triplet loss (all triplets, mean over non-zero)', () => {
    configure({ mining: 'all', margin: MARGIN, distance: 'euclidean', normalize: false, softMargin: false });
    const x = randomPoints(LABELS.length, IN, 3);
    const w0 = randomPoints(1, IN * OUT, 4)[0];
    const w = tf.variable(tf.tensor2d(w0, [IN, OUT]));
    const lr = 0.1;
    const r = trainStep({
      forward: (xb) => tf.matMul(xb, w), x: tf.tensor2d(x), rows: Int32Array.from(LABELS, (_, i) => i),
      labels: Int32Array.from(LABELS), cfg: resolveConfig(0, 0), reducer: 'mean-non-zero',
      optimizer: tf.train.sgd(lr), varList: [w], seed: 0,
    });
    const expected = bruteLoss(x, w0);
    assert.ok(Math.abs(r.loss - expected) < 1e-5, `loss ${r.loss} vs brute force ${expected}`);
    assert.equal(r.count, allTriplets(LABELS).length);
    const w1 = w.dataSync();
    const h = 1e-4;
    w0.forEach((v, i) => {
      const up = w0.slice(); up[i] = v + h;
      const down = w0.slice(); down[i] = v - h;
      const g = (bruteLoss(x, up) - bruteLoss(x, down)) / (2 * h);
      assert.ok(Math.abs(w1[i] - (v - lr * g)) < 1e-4, `weight ${i}: ${w1[i]} vs ${v - lr * g}`);
    });
    w.dispose();
  });
});
