import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ready } from '../../../../kernel/triplet/backend';
import type { DistanceName } from '../../../../kernel/triplet/distances/types';
import { chunkedKnn } from '../../../../kernel/triplet/metrics';
import { distanceMatrix } from '../../../../kernel/triplet/watch/distance-matrix';
import { pairHistogramsFromMatrix } from '../../../../kernel/triplet/watch/matrix-histograms';
import { knnFromMatrix } from '../../../../kernel/triplet/watch/matrix-knn';
import { pairHistograms } from '../../../../kernel/triplet/watch/pair-histograms';
import { matrixBuffer, RowSplitter } from '../../../../kernel/triplet/watch/row-splitter';
import { createRandom } from '../../../../kernel/triplet/samplers/random';

/** Clustered points on a coarse grid, with repeated rows: many equal and near-equal distances. */
function probe(n: number, d: number, classes: number, seed: number): { x: Float32Array; labels: Int32Array } {
  const rand = createRandom(seed).next;
  const x = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(rand() * classes);
    if (i > 0 && rand() < 0.1) {
      const j = Math.floor(rand() * i);
      x.set(x.subarray(j * d, (j + 1) * d), i * d);
      continue;
    }
    for (let k = 0; k < d; k++) x[i * d + k] = Math.round((labels[i] * 0.3 + (rand() - 0.5) * 2) * 8) / 8;
  }
  return { x, labels };
}

before(async () => {
  await ready();
});

describe('matrix path of a snapshot', () => {
  const cases: [DistanceName, number, number][] = [
    ['euclidean', 0.2, 1e9],
    ['euclidean', 0.5, 20_000],
    ['squared-euclidean', 1, 1e9],
    ['cosine', 0.1, 1e9],
  ];
  for (const [distance, margin, maxPairs] of cases) {
    test(`histograms and triplet categories equal the row-at-a-time path (${distance}, margin ${margin}, maxPairs ${maxPairs})`, () => {
      for (const seed of [1, 2]) {
        const n = 300;
        const d = 12;
        const { x, labels } = probe(n, d, 4, seed);
        const options = { distance, margin, bins: 40, upper: distance === 'cosine' ? 2 : distance === 'euclidean' ? 8 : 64, maxPairs };
        const want = pairHistograms(x, n, d, labels, options);
        const got = pairHistogramsFromMatrix(distanceMatrix(x, n, d, distance), x, n, d, labels, options);
        assert.deepEqual(got.triplets, want.triplets);
        assert.deepEqual(got.positive, want.positive);
        assert.deepEqual(got.negative, want.negative);
        assert.deepEqual(got.binEdges, want.binEdges);
        assert.equal(got.anchors, want.anchors);
        assert.equal(got.rocAuc, want.rocAuc);
        assert.ok(Math.abs(got.meanPositive - want.meanPositive) <= 1e-5 * Math.abs(want.meanPositive) + 1e-6);
        assert.ok(Math.abs(got.meanNegative - want.meanNegative) <= 1e-5 * Math.abs(want.meanNegative) + 1e-6);
      }
    });

    test(`neighbours equal chunkedKnn's (${distance})`, () => {
      const n = 257;
      const d = 9;
      const { x } = probe(n, d, 3, 7);
      const m = { data: x, n, dims: d };
      for (const k of [1, 5, 16, 20]) {
        const want = chunkedKnn(m, m, { k, distance, excludeSelf: true });
        assert.deepEqual(knnFromMatrix(distanceMatrix(x, n, d, distance), n, k).indices, want.indices);
      }
    });
  }
});

describe('rows split with the worker thread', () => {
  test('a large snapshot counts the same with the worker as on one thread, and the worker takes part', async () => {
    const splitter = RowSplitter.shared();
    await splitter.whenReady();
    assert.equal(splitter.status(), 'ready', 'the row worker starts and reports ready');
    for (const [distance, maxPairs] of [['euclidean', 1e9], ['cosine', 200_000]] as [DistanceName, number][]) {
      const n = 600;
      const d = 8;
      const { x, labels } = probe(n, d, 5, 11);
      const options = { distance, margin: 0.3, bins: 30, upper: distance === 'cosine' ? 2 : 8, maxPairs };
      const values = matrixBuffer(n, undefined);
      assert.ok(values.buffer instanceof SharedArrayBuffer, 'a large matrix is allocated in shared memory');
      distanceMatrix(x, n, d, distance, values);
      const want = pairHistogramsFromMatrix(values, x, n, d, labels, options);
      const running = splitter.start({ values, x, n, d, labels, options });
      // This thread joins only after a pause, as a snapshot does after its projection.
      const until = Date.now() + 50;
      while (Date.now() < until);
      const got = running.finish();
      assert.ok(running.workerRows() > 0, 'the worker counted some of the anchor rows');
      assert.deepEqual(got.triplets, want.triplets);
      assert.deepEqual(got.positive, want.positive);
      assert.deepEqual(got.negative, want.negative);
      assert.equal(got.anchors, want.anchors);
      assert.ok(Math.abs(got.meanPositive - want.meanPositive) <= 1e-12 * Math.abs(want.meanPositive));
      assert.ok(Math.abs(got.meanNegative - want.meanNegative) <= 1e-12 * Math.abs(want.meanNegative));
    }
  });

  test('a small snapshot stays on one thread with an ordinary buffer', () => {
    assert.equal(RowSplitter.shared().wants(100), false);
    assert.ok(!(matrixBuffer(100, undefined).buffer instanceof SharedArrayBuffer));
  });
});
