import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { rocAucFromDistances, rocAucFromHistograms, verificationMetrics } from '../../../../kernel/triplet/metrics';
import { TripletInputError } from '../../../../kernel/triplet/validation/errors';

function close(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
}

test('perfect separation: ROC-AUC 1, EER 0 at a threshold between the classes', () => {
  const m = verificationMetrics([0.1, 0.2, 0.3], [0.5, 0.9]);
  assert.equal(m.rocAuc, 1);
  assert.equal(m.eer, 0);
  assert.ok(m.eerThreshold >= 0.3 && m.eerThreshold < 0.5, String(m.eerThreshold));
});

test('identical distributions: ROC-AUC 0.5, EER 0.5', () => {
  const m = verificationMetrics([1, 2, 3], Float32Array.from([1, 2, 3]));
  assert.equal(m.rocAuc, 0.5);
  close(m.eer, 0.5);
  close(m.eerThreshold, 1.5);
});

test('reversed separation: ROC-AUC 0, EER 1', () => {
  const m = verificationMetrics(tf.tensor1d([3, 4]), [1, 2]);
  assert.equal(m.rocAuc, 0);
  close(m.eer, 1);
});

test('ties count one half in ROC-AUC', () => {
  // pairs (p, n): (1,2) 1, (1,3) 1, (2,2) ½, (2,3) 1 → 3.5 / 4
  close(verificationMetrics([1, 2], [2, 3]).rocAuc, 0.875);
});

test('ROC-AUC equals the O(n²) pair count on random data with ties', () => {
  let s = 7;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 20) / 4;
  const pos = Float64Array.from({ length: 300 }, rnd);
  const neg = Float64Array.from({ length: 200 }, () => rnd() + 1);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p < n ? 1 : p === n ? 0.5 : 0;
  close(rocAucFromDistances(pos, neg), wins / (pos.length * neg.length), 1e-12);
});

test('EER lies where the false accept and false reject rates cross', () => {
  const pos = [0.1, 0.2, 0.3, 0.6];
  const neg = [0.4, 0.5, 0.7, 0.8];
  const { eer, eerThreshold } = verificationMetrics(pos, neg);
  // At t=0.4: FAR 1/4, FRR 1/4 → EER 0.25 exactly there.
  close(eer, 0.25);
  close(eerThreshold, 0.4);
});

test('rocAucFromHistograms equals the exact AUC of the binned values', () => {
  const posCounts = [5, 3, 2, 0, 1];
  const negCounts = [0, 1, 2, 4, 3];
  const pos: number[] = [];
  const neg: number[] = [];
  posCounts.forEach((c, j) => pos.push(...Array(c).fill(j)));
  negCounts.forEach((c, j) => neg.push(...Array(c).fill(j)));
  close(rocAucFromHistograms(posCounts, negCounts), rocAucFromDistances(Float64Array.from(pos), Float64Array.from(neg)));
  assert.equal(rocAucFromHistograms([1, 0], [0, 1]), 1);
  assert.equal(rocAucFromHistograms([0, 0], [0, 3]), 0.5, 'no positive pairs → chance level');
});

test('verification errors name the argument and the function', () => {
  assert.throws(() => verificationMetrics([], [1]), (e: unknown) => {
    assert.ok(e instanceof TripletInputError);
    assert.match((e as Error).message, /verificationMetrics: argument 'positiveDistances' is empty/);
    return true;
  });
  assert.throws(() => verificationMetrics([1], [NaN]), /'negativeDistances' has NaN at index 0/);
  assert.throws(() => rocAucFromHistograms([1, 2], [1]), /rocAucFromHistograms: argument 'negativeCounts' has 1 bins/);
});
