import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTf } from '../../../../kernel/triplet/backend';
import { fileIO } from '../../../../kernel/triplet/model-io';

// The tf a notebook cell gets: file:// save and load are registered on it.
const tf = loadTf();

function model(seed: number): import('@tensorflow/tfjs').Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [5], units: 4, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
}

test("model.save('file://…') and tf.loadLayersModel('file://…/model.json') round-trip a model's weights and predictions", async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tripletlab-io-')), 'nested', 'my-model');
  const m = model(1);
  const result = await m.save(`file://${dir}`);
  assert.ok(existsSync(join(dir, 'model.json')) && existsSync(join(dir, 'weights.bin')));
  assert.equal(result.modelArtifactsInfo.weightDataBytes, (5 * 4 + 4 + 4 * 3 + 3) * 4);
  const back = await tf.loadLayersModel(`file://${join(dir, 'model.json')}`);
  const x = tf.randomNormal([7, 5], 0, 1, 'float32', 3);
  assert.deepEqual(Array.from((back.predict(x) as import('@tensorflow/tfjs').Tensor).dataSync()), Array.from((m.predict(x) as import('@tensorflow/tfjs').Tensor).dataSync()));
  // A different model's predictions differ, so the equality above is not vacuous.
  assert.notDeepEqual(Array.from((model(5).predict(x) as import('@tensorflow/tfjs').Tensor).dataSync()), Array.from((m.predict(x) as import('@tensorflow/tfjs').Tensor).dataSync()));
  // The folder itself is accepted for loading too.
  const again = await tf.loadLayersModel(fileIO(dir));
  assert.equal(again.countParams(), m.countParams());
  rmSync(dir, { recursive: true });
});

test('loading and saving name what is wrong', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlab-io-'));
  await assert.rejects(tf.loadLayersModel(`file://${join(dir, 'none', 'model.json')}`), /does not exist.*model\.save\('file:\/\/<folder>'\)/);
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  await assert.rejects(model(1).save(`file://${file}`), /an existing file\. Save to a folder/);
  await model(1).save(`file://${join(dir, 'm')}`);
  rmSync(join(dir, 'm', 'weights.bin'));
  await assert.rejects(tf.loadLayersModel(`file://${join(dir, 'm', 'model.json')}`), /weights file .*weights\.bin is missing/);
  assert.throws(() => fileIO(''), /fileIO: argument 'url' is ""/);
  rmSync(dir, { recursive: true });
});
