import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ready } from '../../../../kernel/triplet/backend';
import { resetConfig } from '../../../../kernel/triplet/config';
import { PROJECTION_MIME, decodeProjection, type ProjectionPayload } from '../../../../contract/payloads';
import { fit } from '../../../../kernel/triplet/training';
import { show, watch } from '../../../../kernel/triplet/watch';
import { fakeKernel } from '../fake-kernel';
import { data, mlp, probe } from './watch-fixture';

const projectionOf = (bundle: Record<string, unknown>) => bundle[PROJECTION_MIME] as ProjectionPayload;

before(async () => {
  await ready();
});
afterEach(() => {
  resetConfig();
});

describe('watch with UMAP and t-SNE', () => {
  test('the cell shows the PCA frame with the layout pending, then the UMAP picture in the same output, warm-started after training', async () => {
    const k = fakeKernel();
    const model = mlp();
    const w = watch(model, probe, { kernel: k.kernel, projection: 'umap' });
    assert.equal(k.shown.length, 2, 'distances and the projection output, at once');
    const first = projectionOf(k.shown[1].bundles[0]);
    assert.equal(first.method, 'pca');
    assert.deepEqual(first.pending, { method: 'umap', progress: 0 });
    await w.drawn;
    const drawn = projectionOf(k.shown[1].bundles.at(-1)!);
    assert.equal(drawn.method, 'umap');
    assert.equal(drawn.pending, undefined);
    assert.equal(drawn.params.neighbors, 15);
    assert.equal(drawn.params.warm, false);
    assert.ok(drawn.trustworthiness && drawn.trustworthiness.k === 10 && drawn.trustworthiness.value > 0.5);
    assert.match(String(k.shown[1].bundles.at(-1)!['text/plain']), /^UMAP \(15 neighbours, min dist 0\.1, 500 epochs, seed 0\) projection .*trustworthiness@10 0\.\d{3}/);

    await fit(model, data, { steps: 3, P: 5, K: 4, display: false });
    await k.runCell('await triplet.fit(model, data)');
    assert.equal(k.shown.length, 4);
    const again = projectionOf(k.shown[3].bundles.at(-1)!);
    assert.equal(again.method, 'umap');
    assert.equal(again.params.warm, true);
    assert.equal(again.params.aligned, true);
    assert.equal(projectionOf(k.shown[3].bundles[0]).pending?.method, 'umap', 'the earlier UMAP frame is shown while the new one runs');
    assert.equal(projectionOf(k.shown[3].bundles[0]).method, 'umap');
  });

  test('an interrupt during a t-SNE layout stops it and keeps the earlier frame, captioned as stopped', async () => {
    const k = fakeKernel();
    const w = watch(mlp(), probe, { kernel: k.kernel, projection: { method: 'tsne', iterations: 100_000 } });
    const started = Date.now();
    // What the kernel's socket thread does on interrupt_request (kernel/exec/interrupt.ts), minus the signal itself.
    const timer = setInterval(() => process.emit('SIGINT'), 200);
    try {
      await w.drawn;
    } finally {
      clearInterval(timer);
    }
    assert.ok(Date.now() - started < 60_000, '100,000 iterations were not run');
    const last = projectionOf(k.shown[1].bundles.at(-1)!);
    assert.equal(last.method, 'pca');
    assert.equal(last.pending?.method, 'tsne');
    assert.equal(last.pending?.stopped, true);
    assert.match(String(k.shown[1].bundles.at(-1)!['text/plain']), /t-SNE stopped by an interrupt/);
  });

  test('show() with t-SNE draws the final picture on this thread, aligned and captioned', () => {
    const s = show(mlp(), probe, { projection: 'tsne' });
    assert.equal(s.projection.method, 'tsne');
    assert.equal(s.projection.params.perplexity, 30);
    assert.ok(s.projection.trustworthiness!.value > 0.5);
    assert.equal(decodeProjection(s.projection).count, 150);
  });

  test('an unknown projection is named with what to use', () => {
    assert.throws(() => watch(mlp(), probe, { kernel: fakeKernel().kernel, projection: 'isomap' as 'pca' }), /triplet.watch: argument 'options.projection' is "isomap". Use 'pca', 'umap' or 'tsne'/);
  });
});
