import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import { configure, resetConfig } from '../../../../kernel/triplet/config';
import { bindToKernel } from '../../../../kernel/triplet/kernel-binding';
import { DISTANCES_MIME, PROJECTION_MIME, decodeProjection, type DistancesPayload, type ProjectionPayload } from '../../../../contract/payloads';
import { fit } from '../../../../kernel/triplet/training';
import { show, unwatch, watch } from '../../../../kernel/triplet/watch';
import { procrustesAlign } from '../../../../kernel/triplet/projections';
import { fakeKernel } from '../fake-kernel';
import { data, mlp, probe } from './watch-fixture';

before(async () => {
  await ready();
});
afterEach(() => {
  resetConfig();
});

describe('watch', () => {
  test('a cell that does not change the model displays nothing; one that trains displays both bundles', async () => {
    const k = fakeKernel();
    const model = mlp();
    watch(model, probe, { kernel: k.kernel, bins: 20 });
    assert.equal(k.shown.length, 2, 'the current state is shown at once');
    await k.runCell('const a = 1');
    await k.runCell('model.summary()');
    assert.equal(k.shown.length, 2);
    await fit(model, data, { steps: 3, P: 5, K: 4, display: false });
    await k.runCell('await triplet.fit(model, data)');
    assert.equal(k.shown.length, 4);
    const dist = k.shown[2].bundles[0][DISTANCES_MIME] as DistancesPayload;
    const proj = k.shown[3].bundles[0][PROJECTION_MIME] as ProjectionPayload;
    assert.ok(dist && proj, 'bundles carry the custom MIME types');
    assert.ok(dist.previous, 'the earlier histogram is passed as previous');
    assert.deepEqual(dist.previous!.positive, (k.shown[0].bundles[0][DISTANCES_MIME] as DistancesPayload).positive);
    const pairs = (150 * 149) / 2;
    assert.equal(dist.positive.reduce((a, b) => a + b) + dist.negative.reduce((a, b) => a + b), pairs);
    assert.equal(dist.triplets.easy + dist.triplets.semiHard + dist.triplets.hard, 150 * 29 * 120);
    assert.equal(proj.count, 150);
    assert.equal(proj.neighbors?.k, 10);
    assert.ok(typeof k.shown[2].bundles[0]['image/svg+xml'] === 'string');
  });

  test("configure({ watch: false }) pauses; unwatch removes the hook", async () => {
    const k = fakeKernel();
    const model = mlp();
    const w = watch(model, probe, { kernel: k.kernel });
    configure({ watch: false });
    await fit(model, data, { steps: 2, P: 5, K: 4, display: false });
    await k.runCell();
    assert.equal(k.shown.length, 2);
    configure({ watch: true });
    await k.runCell();
    assert.equal(k.shown.length, 4);
    w.unwatch();
    assert.equal(k.hookCount(), 0);
  });

  test('show() displays once through the bound kernel', () => {
    const k = fakeKernel();
    const b = bindToKernel(k.kernel);
    try {
      const s = show(mlp(), probe);
      assert.equal(k.shown.length, 2);
      assert.equal(s.projection.count, 150);
    } finally {
      b.unbind();
    }
  });

  test('Procrustes-aligned projections of two identical snapshots coincide', () => {
    const model = mlp();
    const first = show(model, probe);
    const a = decodeProjection(first.projection).coords;
    // A rotated + reflected copy of the same points aligns back onto the original.
    const n = 150;
    const src = Float32Array.from(a);
    const rot = new Float32Array(n * 2);
    const c = Math.cos(1.1);
    const s = Math.sin(1.1);
    for (let i = 0; i < n; i++) {
      rot[i * 2] = c * src[i * 2] - s * src[i * 2 + 1];
      rot[i * 2 + 1] = -(s * src[i * 2] + c * src[i * 2 + 1]);
    }
    const back = procrustesAlign({ x: rot, n, dims: 2 }, { x: src, n, dims: 2 }).coords;
    back.forEach((v, i) => assert.ok(Math.abs(v - src[i]) < 1e-4 * (1 + Math.abs(src[i]))));
  });

  test('two snapshots of an unchanged model give the same aligned coordinates', async () => {
    const k = fakeKernel();
    const model = mlp();
    watch(model, probe, { kernel: k.kernel });
    // A "change" that restores the same weights: fingerprint changes twice, weights end equal.
    const w0 = model.getWeights().map((t) => t.clone());
    model.setWeights(w0.map((t) => tf.add(t, 1)));
    model.setWeights(w0);
    const p0 = decodeProjection(k.shown[1].bundles[0][PROJECTION_MIME]).coords;
    await k.runCell();
    assert.equal(k.shown.length, 2, 'restored weights: same fingerprint, nothing drawn');
    assert.equal(unwatch(undefined, { kernel: k.kernel }), 1);
    watch(model, probe, { kernel: k.kernel });
    const p1 = decodeProjection(k.shown[3].bundles[0][PROJECTION_MIME]).coords;
    p1.forEach((v, i) => assert.ok(Math.abs(v - p0[i]) < 1e-3 * (1 + Math.abs(p0[i]))));
    w0.forEach((t) => t.dispose());
  });

  test('a model that embeds the probe to NaN is refused by name, with what to do', () => {
    const diverged = (x: tf.Tensor) => tf.mul(x, NaN) as tf.Tensor2D;
    assert.throws(() => show(diverged, probe), /triplet\.show: argument 'model' embeds the probe to NaN or infinite values\. Training has probably diverged/);
  });

  test('unwatch(model) removes that model\'s watches in its kernel only; unwatch() every watch of the notebook\'s kernel', () => {
    const notebook = fakeKernel();
    const other = fakeKernel();
    const [a, b] = [mlp(), mlp()];
    watch(a, probe, { kernel: notebook.kernel });
    watch(b, probe, { kernel: notebook.kernel });
    watch(a, probe, { kernel: other.kernel });
    assert.equal(unwatch(a, { kernel: notebook.kernel }), 1);
    assert.equal(notebook.hookCount(), 1);
    assert.equal(other.hookCount(), 1, "another kernel's watch of the same model stays");
    assert.equal(unwatch(), 0, 'no notebook kernel bound: nothing to remove');
    const binding = bindToKernel(notebook.kernel);
    try {
      assert.equal(unwatch(), 1);
      assert.equal(notebook.hookCount(), 0);
      assert.equal(unwatch(), 0);
    } finally {
      binding.unbind();
    }
    assert.equal(unwatch(undefined, { kernel: other.kernel }), 1);
    assert.equal(other.hookCount(), 0);
  });
});

after(() => resetConfig());
