import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import { bindToKernel } from '../../../../kernel/triplet/kernel-binding';
import { TRAINING_MIME, validateTrainingPayload, type TrainingPayload } from '../../../../contract/payloads';
import { trainingSummary } from '../../../../contract/render/summary';
import { fit, progressLine } from '../../../../kernel/triplet/training';
import { configure, on, resetConfig } from '../../../../kernel/triplet/config';
import { fakeKernel } from '../fake-kernel';
import { gaussianClusters } from './clusters';

before(async () => {
  await ready();
});

test('a margin and mining changed during fit are logged from the step that used them, and the training view shows them', async () => {
  const k = fakeKernel();
  const b = bindToKernel(k.kernel);
  try {
    configure({ margin: 0.3, mining: 'semi-hard' });
    const d = gaussianClusters(4, 20, 8, 0.5, 3);
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 })] });
    // As the editor does: a change arrives while the fit runs, between two of its steps.
    const off = on('batch', (e) => {
      if (e.step === 4) configure({ margin: 0.6 });
      if (e.step === 7) configure({ mining: 'hard' });
    });
    const run = await fit(model, { x: d.x, labels: d.labels }, { steps: 10, P: 4, K: 4 });
    off();
    const expected = [
      { step: 0, margin: 0.3, mining: 'semi-hard' },
      { step: 5, margin: 0.6, mining: 'semi-hard' },
      { step: 8, margin: 0.6, mining: 'hard' },
    ];
    assert.deepEqual(run.history.config, expected);
    const last = validateTrainingPayload(k.shown[0].bundles.at(-1)![TRAINING_MIME]) as TrainingPayload;
    assert.deepEqual(last.config, expected);
    const svg = String(k.shown[0].bundles.at(-1)!['image/svg+xml']);
    assert.match(svg, /margin 0\.6 · hard/);
    assert.deepEqual([...svg.matchAll(/class="tl-config-change" data-step="(\d+)"/g)].map((m) => Number(m[1])), [5, 8]);
    assert.match(trainingSummary(last), /margin 0\.6 hard/);
    assert.match(progressLine(last), /margin 0\.6 hard/);
  } finally {
    b.unbind();
    resetConfig();
  }
});
