import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import { configure, on, schedule } from '../../../../kernel/triplet/config';
import { retrievalMetrics } from '../../../../kernel/triplet/metrics';
import { embed, fit, stop } from '../../../../kernel/triplet/training';
import { gaussianClusters } from './clusters';
import { ownSessionPerTest } from '../own-session';

const DIMS = 32;

function mlp(seed: number): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [DIMS], units: 32, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  m.add(tf.layers.dense({ units: 8, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  return m;
}

function p1(model: tf.LayersModel, x: Float32Array, labels: Int32Array): number {
  const t = tf.tensor2d(x, [labels.length, DIMS]);
  const e = embed(model, t);
  t.dispose();
  return retrievalMetrics({ x: e.data, n: e.n, dims: e.dims }, labels, { k: 1 }).precisionAtOne;
}

// Heavy overlap in input space so that an untrained network retrieves poorly.
const train = gaussianClusters(10, 40, DIMS, 1.6, 1);
const heldOut = (() => {
  const d = gaussianClusters(10, 60, DIMS, 1.6, 1);
  return { x: d.x.slice(10 * 40 * DIMS), labels: d.labels.slice(10 * 40) };
})();

before(async () => {
  await ready();
});
ownSessionPerTest();

describe('fit', () => {
  test('lowers the loss, raises precision@1, and leaks no tensors across epochs', async () => {
    configure({ mining: 'batch-hard', margin: 0.2, normalize: true });
    const model = mlp(3);
    const before = p1(model, heldOut.x, heldOut.labels);
    const counts: number[] = [];
    const off = on('epoch', () => counts.push(tf.memory().numTensors));
    const batches: number[] = [];
    const offB = on('batch', (e) => batches.push(e.step));
    const r = await fit(model, { x: train.x, labels: train.labels }, { epochs: 6, stepsPerEpoch: 25, P: 8, K: 4, seed: 0, display: false, learningRate: 3e-3 });
    off();
    offB();
    const after = p1(model, heldOut.x, heldOut.labels);
    assert.equal(r.status, 'done');
    assert.equal(r.steps, 150);
    assert.deepEqual(batches, Array.from({ length: 150 }, (_, i) => i));
    const head = r.history.loss.slice(0, 20).reduce((a, b) => a + b) / 20;
    const tail = r.history.loss.slice(-20).reduce((a, b) => a + b) / 20;
    assert.ok(tail < head * 0.7, `loss ${head} → ${tail}`);
    assert.ok(after > before + 0.05, `precision@1 ${before} → ${after}`);
    assert.equal(counts.length, 6);
    assert.ok(counts.slice(1).every((c) => c === counts[1]), `tensors per epoch: ${counts}`);
  });

  test('a { train, test } split passed as the data is named, with the part to pass', async () => {
    const split = { train: { x: train.x, labels: train.labels }, test: heldOut };
    await assert.rejects(fit(mlp(1), split as never, { steps: 1, display: false }), /argument 'data' is a \{ train, test \} split.*split\.train/);
  });

  test('triplet.stop() ends training after the current step and keeps the weights', async () => {
    const model = mlp(5);
    const w0 = model.getWeights()[0].dataSync().slice();
    const off = on('batch', (e) => {
      if (e.step === 9) stop();
    });
    const r = await fit(model, { x: train.x, labels: train.labels }, { steps: 200, P: 5, K: 4, display: false });
    off();
    assert.equal(r.status, 'interrupted');
    assert.equal(r.steps, 10);
    assert.equal(r.history.loss.length, 10);
    const w1 = model.getWeights()[0].dataSync();
    assert.ok(w1.some((v, i) => v !== w0[i]), 'weights were trained');
  });

  test('an AbortSignal ends training with status interrupted', async () => {
    const model = mlp(6);
    const ac = new AbortController();
    const off = on('batch', (e) => {
      if (e.step === 3) ac.abort();
    });
    const r = await fit(model, { x: train.x, labels: train.labels }, { steps: 200, P: 5, K: 4, display: false, signal: ac.signal });
    off();
    assert.equal(r.status, 'interrupted');
    assert.equal(r.steps, 4);
  });

  test("mining schedule switches miners by epoch; 'subspace-hard' draws batches within subspaces", async () => {
    configure({ mining: schedule.mining([{ until: { epoch: 1 }, mining: 'semi-hard' }, { until: { epoch: 2 }, mining: 'batch-hard' }, { mining: 'subspace-hard' }]) });
    const seen: string[] = [];
    const off = on('batch', (e) => seen.push(`${e.epoch}:${e.mining}`));
    const r = await fit(mlp(9), { x: train.x, labels: train.labels }, { epochs: 3, stepsPerEpoch: 2, P: 4, K: 4, display: false });
    off();
    assert.equal(r.status, 'done');
    assert.deepEqual(seen, ['0:semi-hard', '0:semi-hard', '1:batch-hard', '1:batch-hard', '2:subspace-hard', '2:subspace-hard']);
  });

  test("'subspace-hard': rebuilt every rebuildEvery epochs, or built once from given features; batches stay inside one subspace", async () => {
    configure({ mining: 'subspace-hard' });
    const labelsOf = (rows: Int32Array) => new Set(Array.from(rows, (i) => train.labels[i]));
    const mined: number[] = [];
    const off = on('mined', (e) => mined.push(e.count));
    const r = await fit(mlp(3), { x: train.x, labels: train.labels }, {
      epochs: 4, stepsPerEpoch: 2, P: 2, K: 4, display: false, subspaces: { identitiesPerSubspace: 2, rebuildEvery: 2, negatives: 3 },
    });
    off();
    assert.equal(r.status, 'done');
    assert.deepEqual(r.history.subspaces?.map((s) => s.epoch), [0, 2], 'rebuilt at epochs 0 and 2');
    assert.ok(r.history.subspaces?.every((s) => s.sizes.reduce((a, b) => a + b, 0) === 10), 'every class placed');
    // 8 anchors per batch, each with its hardest positive and 3 nearest negatives (4 negatives are in the batch).
    assert.ok(mined.every((c) => c === 24), mined.join());
    const groups = [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]];
    const seen: Set<number>[] = [];
    const fixed = await fit(mlp(4), { x: train.x, labels: train.labels }, {
      steps: 6, P: 2, K: 4, display: false, subspaces: { groups },
    });
    assert.deepEqual(fixed.history.subspaces?.map((s) => s.count), [5], 'given groups: used once, never rebuilt');
    const { subspaceSampler } = await import('../../../../kernel/triplet/samplers');
    for (const b of subspaceSampler({ labels: train.labels, subspaces: { groups }, P: 2, K: 4, seed: 0, batches: 5 })) seen.push(labelsOf(b));
    for (const s of seen) assert.ok(groups.some((g) => [...s].every((c) => g.includes(c))), [...s].join());
    await assert.rejects(fit(mlp(5), { x: train.x, labels: train.labels }, { steps: 1, display: false, subspaces: { rebuildEvery: 0 } }),
      /triplet\.fit: argument 'options\.subspaces\.rebuildEvery' is 0/);
  });

  test('cross-batch memory: later steps mine against past batches too, and the model still learns', async () => {
    configure({ mining: 'all' });
    const counts = async (memory?: { size: number }) => {
      const seen: number[] = [];
      const off = on('mined', (e) => seen.push(e.count));
      const r = await fit(mlp(6), { x: train.x, labels: train.labels }, { steps: 4, P: 3, K: 3, seed: 2, display: false, memory });
      off();
      assert.equal(r.status, 'done');
      assert.ok(r.history.loss.every(Number.isFinite));
      return seen;
    };
    const plain = await counts();
    const withMemory = await counts({ size: 18 });
    assert.equal(withMemory[0], plain[0], 'the first step has an empty memory');
    for (let s = 1; s < 4; s++) assert.ok(withMemory[s] > plain[s], `step ${s}: ${withMemory[s]} triplets with memory, ${plain[s]} without`);
    await assert.rejects(fit(mlp(6), { x: train.x, labels: train.labels }, { steps: 1, display: false, memory: { size: -1 } }),
      /triplet\.fit: argument 'options\.memory\.size' is -1/);
  });

  test('bad arguments name the option, and a refused call leaves no tensors behind', async () => {
    const model = mlp(1);
    const before = tf.memory().numTensors;
    await assert.rejects(fit(model, { x: train.x, labels: train.labels }, { K: 1 }), /'options\.K'.*no positives/);
    await assert.rejects(fit(model, { x: train.x, labels: train.labels.slice(3) }), /'data\.labels'.*labels for 400 rows/);
    await assert.rejects(fit(model, { x: train.x, labels: train.labels }, { optimizer: 'adamw' as never }), /'options\.optimizer'.*'adam', 'sgd'/);
    assert.equal(tf.memory().numTensors, before);
  });
});
