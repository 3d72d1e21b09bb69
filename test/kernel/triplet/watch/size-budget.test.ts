import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { gaussianClusters } from '../../../../kernel/triplet/datasets';
import { show } from '../../../../kernel/triplet/watch';
import { defaultNeighbors } from '../../../../kernel/triplet/watch/snapshot';

before(async () => {
  await tf.setBackend('cpu');
});

test('default neighbour count shrinks as the probe grows', () => {
  assert.deepEqual([300, 1000, 2000, 5000, 50_000].map(defaultNeighbors), [10, 5, 2, 1, 1]);
});

test('a 5,000-point projection adds at most 100 KB to the notebook, all MIME types together', () => {
  const probe = gaussianClusters({ classes: 10, perClass: 500, dims: 16, spread: 1, seed: 3 });
  const model = (x: tf.Tensor) => x as tf.Tensor2D;
  const shown = show(model, probe, { maxPairs: 20_000 });
  const projection = shown.bundles.find((b) => 'application/vnd.tripletlab.projection+json' in b)!;
  assert.equal(shown.projection.count, 5000);
  assert.ok(shown.projection.neighbors && shown.projection.neighbors.k >= 1, 'neighbours are kept');
  // As nbformat stores it: the output's data dict serialised with one-space indentation.
  const bytes = Buffer.byteLength(JSON.stringify({ output_type: 'display_data', data: projection, metadata: {} }, null, 1));
  assert.ok(bytes <= 100 * 1024, `projection output is ${bytes} bytes`);
});
