import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import { registerWasmTrainingKernels } from '../../../../kernel/triplet/backend/kernels';
import { configure, resetConfig } from '../../../../kernel/triplet/config';
import { fit } from '../../../../kernel/triplet/training';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import { gaussianClusters } from './clusters';

// Image triplet networks train on the default (wasm) backend, with the same losses and weights as
// on tfjs' cpu backend, and a model the backend cannot train is refused before the first step.
before(async () => {
  assert.equal((await ready()).name, 'wasm');
});
after(() => resetConfig());

const SIDE = 8;
const data = gaussianClusters(4, 12, SIDE * SIDE, 1.0, 3);

/** Every image layer the kernels cover, in one small network (seeded, so both backends start equal). */
function cnn(): tf.Sequential {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  return tf.sequential({
    layers: [
      tf.layers.reshape({ targetShape: [SIDE, SIDE, 1], inputShape: [SIDE * SIDE] }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.batchNormalization(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'same', depthwiseInitializer: init(2), pointwiseInitializer: init(3) }),
      tf.layers.depthwiseConv2d({ kernelSize: 2, strides: 2, depthMultiplier: 2, depthwiseInitializer: init(4) }),
      tf.layers.conv2d({ filters: 5, kernelSize: 1, strides: 1, padding: 'valid', kernelInitializer: init(5) }),
      tf.layers.averagePooling2d({ poolSize: 1 }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dropout({ rate: 0.2, seed: 7 }),
      tf.layers.dense({ units: 4, kernelInitializer: init(6) }),
    ],
  });
}

async function trainOn(backendName: string) {
  await tf.setBackend(backendName);
  const model = cnn();
  const r = await fit(model, { x: data.x, labels: data.labels }, { steps: 4, P: 4, K: 3, seed: 1, display: false, optimizer: 'sgd', learningRate: 0.1 });
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  model.dispose();
  return { loss: r.history.loss, weights };
}

describe('CNN training on wasm', () => {
  test('a CNN trains with the same losses and weights as on the cpu backend (1e-4)', async () => {
    configure({ mining: 'batch-hard', margin: 0.2, normalize: true, distance: 'euclidean' });
    let onWasm: Awaited<ReturnType<typeof trainOn>>;
    let onCpu: Awaited<ReturnType<typeof trainOn>>;
    try {
      onWasm = await trainOn('wasm');
      onCpu = await trainOn('cpu');
    } finally {
      await tf.setBackend('wasm');
    }
    assert.ok(onWasm.loss.some((l) => l > 0), `a loss to compare: ${onWasm.loss}`);
    onWasm.loss.forEach((l, i) => assert.ok(Math.abs(l - onCpu.loss[i]) < 1e-4, `step ${i}: ${l} on wasm, ${onCpu.loss[i]} on cpu`));
    onWasm.weights.forEach((w, i) => w.forEach((v, j) => assert.ok(Math.abs(v - onCpu.weights[i][j]) < 1e-4, `weight ${i}[${j}]: ${v} vs ${onCpu.weights[i][j]}`)));
  });

  test('a layer whose gradient kernel the backend lacks is named before the first step', async () => {
    const saved = tf.getKernel('Conv2DBackpropFilter', 'wasm')!;
    tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
    const model = cnn();
    let steps = 0;
    try {
      await assert.rejects(
        fit(model, { x: data.x, labels: data.labels }, { steps: 3, P: 4, K: 3, display: false }).then((r) => { steps = r.steps; }),
        (err: Error) => err instanceof TripletInputError && /layer '[^']+' \(Conv2D\).*'Conv2DBackpropFilter'.*'wasm' backend.*TRIPLETLAB_BACKEND=cpu/.test(err.message),
      );
      assert.equal(steps, 0);
    } finally {
      tf.registerKernel(saved);
      registerWasmTrainingKernels(tf);
      model.dispose();
    }
  });
});
