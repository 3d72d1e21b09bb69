import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getReducer, mean, meanNonZero, noGradient, sum } from '../../../../kernel/triplet/reducers';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import { useCpu } from '../brute-force';

before(useCpu);

const read = (s: tf.Scalar): number => { const v = s.dataSync()[0]; s.dispose(); return v; };

test('mean, meanNonZero, sum of values; 0 for empty input', () => {
  const v = tf.tensor1d([0, 2, 0, 4]);
  assert.equal(read(mean(v)), 1.5);
  assert.equal(read(meanNonZero(v)), 3);
  assert.equal(read(sum(v)), 6);
  const e = tf.tensor1d([]);
  for (const r of [mean, meanNonZero, sum]) assert.equal(read(r(e)), 0);
  const z = tf.zeros([3]);
  assert.equal(read(meanNonZero(z)), 0);
  tf.dispose([v, e, z]);
});

test('gradients: meanNonZero divides by the active count only; empty input gives a zero gradient', () => {
  const g = tf.grad((x: tf.Tensor) => meanNonZero(tf.relu(x)))(tf.tensor1d([-1, 2, 3, -4]));
  assert.deepEqual(Array.from(g.dataSync()), [0, 0.5, 0.5, 0]);
  const g2 = tf.grad((x: tf.Tensor) => mean(tf.gather(x, tf.tensor1d([], 'int32'))))(tf.tensor1d([1, 2]));
  assert.deepEqual(Array.from(g2.dataSync()), [0, 0]);
  const g3 = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, noGradient([x], (v) => tf.cast(tf.greater(v, 1), 'float32')))))(tf.tensor1d([1, 2]));
  assert.deepEqual(Array.from(g3.dataSync()), [0, 1]);
  tf.dispose([g, g2, g3]);
});

test('getReducer by name or function; unknown names list the valid ones', () => {
  assert.equal(getReducer('mean-non-zero'), meanNonZero);
  assert.equal(getReducer(sum), sum);
  assert.throws(() => getReducer('avg' as never), (e: unknown) => e instanceof TripletInputError && /'mean', 'mean-non-zero', 'sum'/.test(e.message));
  assert.throws(() => mean([1, 2] as never), /mean: argument 'values'/);
});
