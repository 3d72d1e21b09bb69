import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import { configure, resetConfig } from '../../../../kernel/triplet/config';
import { fit } from '../../../../kernel/triplet/training';
import { trainingThreads } from '../../../../kernel/triplet/training/parallel';
import { gaussianClusters } from './clusters';

// Data-parallel training (the batch split over worker threads, the loss over the whole batch) is
// the same maths as training on one thread: same losses and weights up to float summation order.
before(async () => {
  assert.equal((await ready()).name, 'wasm');
});
after(() => resetConfig());

const SIDE = 6;
const data = gaussianClusters(5, 16, SIDE * SIDE, 1.0, 11);

function models(): Record<string, () => tf.Sequential> {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  return {
    mlp: () => tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [SIDE * SIDE], units: 24, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dense({ units: 8, kernelInitializer: init(2) }),
    ] }),
    cnn: () => tf.sequential({ layers: [
      tf.layers.reshape({ targetShape: [SIDE, SIDE, 1], inputShape: [SIDE * SIDE] }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 8, kernelInitializer: init(4) }),
    ] }),
  };
}

async function train(make: () => tf.Sequential, threads: number) {
  const model = make();
  const r = await fit(model, { x: data.x, labels: data.labels }, { steps: 6, P: 4, K: 4, seed: 3, display: false, threads, optimizer: 'adam', learningRate: 0.01 });
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  model.dispose();
  return { loss: r.history.loss, fractions: r.history.fractions, weights };
}

describe('fit on several threads', () => {
  for (const [name, make] of Object.entries(models())) {
    test(`${name}: two threads give the losses, triplet fractions and weights of one (1e-5)`, async () => {
      configure({ mining: 'batch-hard', margin: 0.2, normalize: true, distance: 'euclidean' });
      const one = await train(make, 1);
      const two = await train(make, 2);
      assert.ok(one.loss.some((l) => l > 0));
      one.loss.forEach((l, i) => assert.ok(Math.abs(l - two.loss[i]) < 1e-5, `step ${i}: ${l} vs ${two.loss[i]}`));
      assert.deepEqual(two.fractions, one.fractions);
      one.weights.forEach((w, i) => w.forEach((v, j) => assert.ok(Math.abs(v - two.weights[i][j]) < 1e-5, `weight ${i}[${j}]: ${v} vs ${two.weights[i][j]}`)));
    });
  }

  test('threads: a positive integer; more than one needs a LayersModel; at most half the batch; by default two for CNNs without BatchNormalization', () => {
    const m = models().mlp();
    assert.throws(() => trainingThreads(0, m, 16, 'triplet.fit'), /'options\.threads' is 0/);
    assert.throws(() => trainingThreads(2, (x) => x, 16, 'triplet.fit'), /model is a function/);
    assert.equal(trainingThreads(1, m, 16, 'triplet.fit'), 1);
    assert.equal(trainingThreads(8, m, 6, 'triplet.fit'), 3);
    assert.equal(trainingThreads(undefined, (x) => x, 16, 'triplet.fit'), 1);
    assert.equal(trainingThreads(undefined, m, 16, 'triplet.fit'), 1, 'a Dense-only model stays on one thread by default');
    const conv = models().cnn();
    assert.equal(trainingThreads(undefined, conv, 16, 'triplet.fit'), availableParallelism() >= 2 ? 2 : 1, 'a CNN uses both cores by default');
    conv.dispose();
    const withBatchNorm = tf.sequential({ layers: [tf.layers.reshape({ targetShape: [2, 2, 1], inputShape: [4] }), tf.layers.conv2d({ filters: 2, kernelSize: 1 }), tf.layers.batchNormalization()] });
    assert.equal(trainingThreads(undefined, withBatchNorm, 16, 'triplet.fit'), 1, 'BatchNormalization stays on one thread by default');
    assert.equal(trainingThreads(2, withBatchNorm, 16, 'triplet.fit'), 2);
    m.dispose();
    withBatchNorm.dispose();
  });
});
