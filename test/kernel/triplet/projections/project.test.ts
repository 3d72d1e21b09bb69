import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../../../../kernel/triplet/backend';
import { project, projectAsync, ProjectionAbortedError, trustworthiness, type ProjectionMethodName } from '../../../../kernel/triplet/projections';
import { gaussianClusters } from '../training/clusters';

before(async () => {
  await ready();
});

const D = 12;
const clusters = gaussianClusters(6, 60, D, 0.4, 11);
const data = { x: clusters.x, n: 360, dims: D };

/** Share of points whose nearest neighbour in the picture has the same label. */
function labelAgreement(coords: Float32Array, labels: Int32Array, dims: number): number {
  const n = labels.length;
  let same = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let at = -1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < dims; c++) s += (coords[i * dims + c] - coords[j * dims + c]) ** 2;
      if (s < best) [best, at] = [s, j];
    }
    if (labels[at] === labels[i]) same++;
  }
  return same / n;
}

/** The data turned by a fixed orthogonal matrix (Givens rotations in several planes). */
function rotated(x: Float32Array, n: number, d: number): Float32Array {
  const out = Float32Array.from(x);
  for (let p = 0; p + 1 < d; p += 2) {
    const t = 0.3 + p;
    const c = Math.cos(t), s = Math.sin(t);
    for (let i = 0; i < n; i++) {
      const a = out[i * d + p], b = out[i * d + p + 1];
      out[i * d + p] = c * a - s * b;
      out[i * d + p + 1] = s * a + c * b;
    }
  }
  return out;
}

/** Root-mean-square distance between two pictures, relative to the first one's spread. */
function relativeRms(a: Float32Array, b: Float32Array, dims: number): number {
  const n = a.length / dims;
  let diff = 0, spread = 0;
  const mean = new Float64Array(dims);
  for (let i = 0; i < n; i++) for (let c = 0; c < dims; c++) mean[c] += a[i * dims + c] / n;
  for (let i = 0; i < n; i++) for (let c = 0; c < dims; c++) {
    diff += (a[i * dims + c] - b[i * dims + c]) ** 2;
    spread += (a[i * dims + c] - mean[c]) ** 2;
  }
  return Math.sqrt(diff / spread);
}

describe('project', () => {
  for (const method of ['umap', 'tsne'] as ProjectionMethodName[]) {
    test(`${method}: the same seed gives the same picture`, () => {
      const a = project(data, { method, seed: 3 });
      const b = project(data, { method, seed: 3 });
      assert.deepEqual(a.coords, b.coords);
      // UMAP's negative samples follow the seed; t-SNE from its PCA start has no random step on a small set.
      if (method === 'umap') assert.notDeepEqual(a.coords, project(data, { method, seed: 4 }).coords);
      assert.equal(a.method, method);
      assert.equal(a.params.seed, 3);
    });

    test(`${method}: separable clusters stay separate and trustworthy`, () => {
      const r = project(data, { method, trustworthiness: true });
      assert.ok(r.trustworthiness! > 0.9, `trustworthiness ${r.trustworthiness}`);
      assert.ok(labelAgreement(r.coords, clusters.labels, 2) > 0.97);
      assert.equal(r.trustworthiness, trustworthiness(data, { x: r.coords, n: 360, dims: 2 }));
    });

    test(`${method}: a rotated copy of the embedding, warm-started from the last picture, draws the same picture`, () => {
      const first = project(data, { method });
      const again = project({ x: rotated(data.x, 360, D), n: 360, dims: D }, { method, previous: first });
      assert.equal(again.warm, true);
      assert.equal(again.aligned, true);
      assert.ok(relativeRms(first.coords, again.coords, 2) < 0.1, `moved ${relativeRms(first.coords, again.coords, 2)}`);
    });
  }

  test('pca: a rotated copy projects to the same picture once aligned', () => {
    const first = project(data);
    const again = project({ x: rotated(data.x, 360, D), n: 360, dims: D }, { previous: first });
    assert.ok(relativeRms(first.coords, again.coords, 2) < 1e-4);
  });

  for (const method of ['pca', 'umap', 'tsne'] as ProjectionMethodName[]) {
    test(`${method} in 3-d: deterministic for a seed, clusters separate, trustworthy`, () => {
      const a = project(data, { method, dims: 3, seed: 5, trustworthiness: true });
      assert.equal(a.dims, 3);
      assert.equal(a.coords.length, 360 * 3);
      assert.deepEqual(a.coords, project(data, { method, dims: 3, seed: 5 }).coords);
      assert.ok(a.trustworthiness! > 0.9, `trustworthiness ${a.trustworthiness}`);
      assert.equal(a.trustworthiness, trustworthiness(data, { x: a.coords, n: 360, dims: 3 }));
      // The third axis carries part of the picture (not a flat 2-d layout with z = 0).
      let zSpread = 0;
      for (let i = 0; i < 360; i++) zSpread = Math.max(zSpread, Math.abs(a.coords[3 * i + 2] - a.coords[2]));
      assert.ok(zSpread > 0);
      if (method !== 'pca') assert.ok(labelAgreement(a.coords, clusters.labels, 3) > 0.97);
    });
  }

  test('t-SNE in 3-d warm-starts from its last picture and stays put on a rotated copy', () => {
    const first = project(data, { method: 'tsne', dims: 3 });
    const again = project({ x: rotated(data.x, 360, D), n: 360, dims: D }, { method: 'tsne', dims: 3, previous: first });
    assert.equal(again.warm, true);
    assert.ok(relativeRms(first.coords, again.coords, 3) < 0.1, `moved ${relativeRms(first.coords, again.coords, 3)}`);
  });

  test('bad options name the option and what to use', () => {
    assert.throws(() => project(data, { method: 'isomap' as ProjectionMethodName }), /argument 'options.method' is "isomap". Use 'pca', 'umap' or 'tsne'/);
    assert.throws(() => project(data, { method: 'tsne', perplexity: 200 }), /'options.perplexity' is 200/);
    assert.throws(() => project(data, { method: 'umap', minDist: 2 }), /'options.minDist' is 2/);
    const small = project({ x: data.x.subarray(0, 100 * D), n: 100, dims: D });
    assert.throws(() => project(data, { previous: small }), /'options.previous' is a 100-point 2-d projection for 360 points/);
  });

  test('projectAsync draws the same picture in a worker thread, with progress', async () => {
    let calls = 0;
    const r = await projectAsync(data, { method: 'umap', onProgress: () => void calls++ });
    assert.deepEqual(r.coords, project(data, { method: 'umap' }).coords);
    assert.ok(calls > 5, `${calls} progress calls`);
  });

  test('an interrupt during projectAsync stops its worker and rejects at once', async () => {
    const stop = new AbortController();
    const started = Date.now();
    let progress = 0;
    await assert.rejects(
      projectAsync(data, { method: 'tsne', iterations: 100_000, signal: stop.signal, onProgress: (done) => { progress = done; stop.abort(); } }),
      (e: unknown) => e instanceof ProjectionAbortedError && /t-SNE projection was stopped/.test(e.message),
    );
    assert.ok(progress > 0 && progress < 100_000);
    // 100,000 iterations would take minutes; stopping takes no longer than starting.
    assert.ok(Date.now() - started < 60_000);
  });
});
