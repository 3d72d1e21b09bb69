/**
 * What `triplet.watch` adds to a cell, measured through the real post-run-cell hook:
 * - a cell that does not change the watched model (weight fingerprint only), goal ≤ 5 ms;
 * - a cell that changed it, with 2,000 probe points and PCA (embed, pair-distance histograms,
 *   triplet categories, PCA, Procrustes, k nearest neighbours, all MIME bundles), goal ≤ 150 ms.
 * Peer, same run: the core of a snapshot in PyTorch on the same embeddings (peer.py: cdist,
 * two histograms, eigh PCA, top-k); it skips what ours adds (triplet category counts, Procrustes,
 * the SVG/plotly bundles), so the ratio flatters the peer.
 * `--quick` (npm test) uses 500 probe points and fewer repetitions; BENCH_WATCH_DEBUG=1 prints
 * every changed-cell time.
 * A busy machine stretches wall time unevenly, so the changed cell's CPU time (every thread of
 * the process) is reported beside it.
 * Final stdout line: JSON with unchanged_ms, changed_ms, changed_cpu_ms, probe, peer_changed_ms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import type { CellRunInfo, KernelApi } from '../../kernel/api';
import { packageRoot } from '../../kernel/paths';
import { loadTf, ready } from '../../kernel/triplet/backend';
import { mnist } from '../../kernel/triplet/datasets';
import { watch } from '../../kernel/triplet/watch';
import { median } from '../kernel-latency/stats';

/** Just enough of the kernel for watch: a hook registry and a display that discards output. */
function benchKernel(): { kernel: KernelApi; runHooks(): void; displays: number } {
  const hooks: ((info: CellRunInfo) => void)[] = [];
  const state = { displays: 0 };
  const handle = { displayId: 'bench', update: () => void state.displays++ };
  const display = Object.assign(() => (state.displays++, handle), {
    html: () => handle, markdown: () => handle, svg: () => handle, png: () => handle, jpeg: () => handle, json: () => handle,
    mime: () => (state.displays++, handle), clear: () => undefined,
  });
  const kernel = {
    display, cwd: process.cwd(), typecheck: 'off', page: () => undefined,
    hooks: { on: (_e: string, fn: (info: CellRunInfo) => void) => (hooks.push(fn), () => undefined), off: () => undefined },
    comms: { registerTarget: () => undefined, unregisterTarget: () => undefined, open: () => { throw new Error('no comms in the benchmark'); }, list: () => [] },
  } as unknown as KernelApi;
  const info = { executionCount: 1, code: '', silent: false, outcome: { status: 'ok' } } as CellRunInfo;
  return { kernel, runHooks: () => hooks.forEach((h) => h(info)), get displays() { return state.displays; } };
}

function peer(x: Float32Array, labels: Int32Array, n: number, d: number, reps: number): number | string {
  if (!existsSync('/usr/bin/python3') || spawnSync('/usr/bin/python3', ['-c', 'import torch']).status !== 0) return 'skipped: /usr/bin/python3 with torch (Debian python3-torch) not found';
  const dir = mkdtempSync(join(tmpdir(), 'bench-watch-'));
  try {
    writeFileSync(join(dir, 'x.f32'), Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    writeFileSync(join(dir, 'labels.i32'), Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength));
    const script = join(packageRoot(), 'bench', 'watch', 'peer.py');
    const r = spawnSync('/usr/bin/python3', [script, dir, String(n), String(d), String(reps)], { encoding: 'utf8' });
    if (r.status !== 0) return `failed: ${r.stderr.trim().split('\n').pop()}`;
    return Number(JSON.parse(r.stdout.trim().split('\n').pop()!).changed_ms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  loadTf();
  const backend = await ready();
  const probeSize = quick ? 500 : 2000;
  const reps = quick ? 3 : 9;
  const { test } = mnist({ seed: 0, train: 0, test: probeSize });
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 64 })] });
  const k = benchKernel();
  watch(model, test, { kernel: k.kernel });

  const unchanged: number[] = [];
  for (let i = 0; i < reps * 10; i++) {
    const t = performance.now();
    k.runHooks();
    unchanged.push(performance.now() - t);
  }
  const before = k.displays;
  const changed: number[] = [];
  const changedCpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    tf.tidy(() => {
      const w = model.layers[1].getWeights();
      model.layers[1].setWeights([w[0].mul(1.01), w[1]]);
    });
    // A kernel returns to its event loop between cells; so does this loop.
    await new Promise((r) => setImmediate(r));
    const t = performance.now();
    const cpu = process.cpuUsage();
    k.runHooks();
    changed.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    changedCpu.push((used.user + used.system) / 1000);
  }
  if (process.env.BENCH_WATCH_DEBUG) process.stderr.write(`changed: ${changed.map((v) => v.toFixed(0)).join(" ")}\n`);
  if (k.displays - before < reps * 2) throw new Error('bench watch: a changed model did not redraw both plots; the measurement would be meaningless');

  // The peer computes the same snapshot of the same embeddings.
  const emb = tf.tidy(() => tf.div(model.predict(tf.tensor2d(test.x, [test.n, test.dims])) as tf.Tensor2D, 1));
  const embData = (await emb.data()) as Float32Array;
  emb.dispose();
  const peerMs = peer(embData, test.labels, test.n, 64, reps);

  const result = {
    benchmark: 'watch', quick, backend: backend.name, probe: probeSize,
    unchanged_ms: +median(unchanged).toFixed(3), changed_ms: +median(changed).toFixed(1), changed_cpu_ms: +median(changedCpu).toFixed(1),
    peer_changed_ms: typeof peerMs === 'number' ? +peerMs.toFixed(1) : peerMs,
  };
  process.stderr.write(`watch, ${probeSize} probe points, ${backend.name}: unchanged cell +${result.unchanged_ms} ms (goal ≤ 5), changed cell +${result.changed_ms} ms (goal ≤ 150; ${result.changed_cpu_ms} ms of CPU, all threads)` +
    (typeof peerMs === 'number' ? `; PyTorch snapshot maths ${result.peer_changed_ms} ms (ratio ours/peer ${(result.changed_ms / peerMs).toFixed(2)})\n` : `; peer ${peerMs}\n`));
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench watch: ${(err as Error).stack}\n`);
  process.exit(1);
});
