import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import { bindToKernel } from '../../../../kernel/triplet/kernel-binding';
import { TRAINING_MIME, validateTrainingPayload, type TrainingPayload } from '../../../../contract/payloads';
import { fit, stop, trainingPayload, downsample } from '../../../../kernel/triplet/training';
import { on } from '../../../../kernel/triplet/config';
import { fakeKernel } from '../fake-kernel';
import { gaussianClusters } from './clusters';

before(async () => {
  await ready();
});

describe('training display', () => {
  test('one live display in a kernel, updated in place, ending with status done or interrupted', async () => {
    const k = fakeKernel();
    const b = bindToKernel(k.kernel);
    try {
      const d = gaussianClusters(4, 20, 8, 0.5, 3);
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 })] });
      await fit(model, { x: d.x, labels: d.labels }, { steps: 6, P: 4, K: 4 });
      assert.equal(k.shown.length, 1, 'a single display, then updates');
      const last = k.shown[0].bundles.at(-1)![TRAINING_MIME] as TrainingPayload;
      assert.equal(last.status, 'done');
      assert.equal(last.step, 6);
      assert.equal(last.loss.length, 6);
      assert.ok(typeof k.shown[0].bundles.at(-1)!['image/svg+xml'] === 'string');

      const off = on('batch', (e) => e.step === 1 && stop());
      await fit(model, { x: d.x, labels: d.labels }, { steps: 50, P: 4, K: 4 });
      off();
      const stopped = k.shown[1].bundles.at(-1)![TRAINING_MIME] as TrainingPayload;
      assert.equal(stopped.status, 'interrupted');
      assert.match(stopped.message ?? '', /keeps its weights/);
    } finally {
      b.unbind();
    }
  });

  test('a long run is downsampled to at most 500 points, valid against the schema', () => {
    const loss = Array.from({ length: 1234 }, (_, i) => 1 / (1 + i));
    const p = trainingPayload(
      { loss, fractions: { easy: loss.map(() => 0.5), semiHard: loss.map(() => 0.3), hard: loss.map(() => 0.2) }, validation: [], config: [] },
      { status: 'running', step: 1234, totalSteps: 2000, epoch: 0, totalEpochs: 1, elapsedSeconds: 3 },
    );
    assert.equal(p.loss.length, 500);
    assert.equal(p.lossSteps.at(-1), 1233);
    validateTrainingPayload(p);
    const ds = downsample([1, 2, 3, 4, 5, 6], 3);
    assert.deepEqual(ds, { steps: [1, 3, 5], values: [1.5, 3.5, 5.5] });
  });
});
