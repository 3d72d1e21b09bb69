/**
 * Training step time: milliseconds per `fit` step at batch 128 (P×K 8×16) for the two models of
 * models.ts (MLP 784-256-128-64 and the small CNN), batch-hard, margin 0.2, L2-normalised
 * euclidean embeddings, Adam 1e-3, on MNIST training digits; PyTorch (peer.py, 2 threads) times
 * the same models, batch and loss on the same digits in the same run.
 * Full: 3 warm-up + 30 timed steps per model. `--quick` (npm test): 2 + 5 on 2,000 digits.
 * `--warmup N`, `--steps N`; `--no-peer` skips PyTorch.
 * Last stdout line: { mlp_ms, cnn_ms, peer_mlp_ms, peer_cnn_ms, backend }, ms per step; the line
 * before it (`details:`) has the ratios ours / peer (above 1: PyTorch is faster) and the peer's BLAS.
 */
import { backend, configure, mnistSplit, ready, takeRows } from '../../kernel/triplet';
import { peerScript, runPeer } from '../mnist-triplet/peer';
import { cnn, mlp, MODEL_NAMES } from './models';
import { msPerStep } from './step-time';
import { printFinalLine } from '../final-line';

const P = 8;
const K = 16;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const round = (v: number | null) => (v === null ? null : +v.toFixed(2));
const ratio = (ours: number, peer: number | null) => (peer ? +(ours / peer).toFixed(2) : null);

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const warmup = Number(arg('--warmup') ?? (quick ? 2 : 3));
  const steps = Number(arg('--steps') ?? (quick ? 5 : 30));
  await ready();
  const all = mnistSplit({ seed: 0 }).train;
  // Step time does not depend on how many digits batches are drawn from; quick mode writes fewer for the peer.
  const train = quick ? takeRows(all, Array.from({ length: 2000 }, (_, i) => i)) : all;
  configure({ mining: 'batch-hard', margin: 0.2, normalize: true, distance: 'euclidean', softMargin: false });

  const ours: Record<'mlp' | 'cnn', number> = { mlp: NaN, cnn: NaN };
  for (const [name, make] of [['mlp', mlp], ['cnn', cnn]] as const) {
    const model = make();
    ours[name] = await msPerStep(model, train, { P, K, warmup, steps });
    model.dispose();
  }

  const peer = process.argv.includes('--no-peer')
    ? { result: null, note: 'PyTorch peer skipped (--no-peer)' }
    : runPeer<{ mlp_ms: number; cnn_ms: number; torch: string; blas: string }>(peerScript('train-step'), { train }, [String(warmup), String(steps), String(P), String(K)]);
  if (peer.note) console.log(peer.note);
  const p = peer.result;

  const b = backend().name;
  console.log(`train-step: batch ${P * K} (P×K ${P}×${K}), batch-hard, margin 0.2, Adam 1e-3; ${warmup} warm-up + ${steps} timed steps; ms per step`);
  console.log(`  ${'model'.padEnd(38)}${`tripletlab (${b})`.padStart(18)}${(p ? `PyTorch ${p.torch}` : 'PyTorch').padStart(18)}${'ours/peer'.padStart(11)}`);
  for (const name of ['mlp', 'cnn'] as const) {
    const r = ratio(ours[name], p?.[`${name}_ms`] ?? null);
    console.log(`  ${MODEL_NAMES[name].padEnd(38)}${ours[name].toFixed(2).padStart(18)}${(p ? p[`${name}_ms`].toFixed(2) : '—').padStart(18)}${(r === null ? '—' : `${r}×`).padStart(11)}`);
  }
  if (p) console.log(`  PyTorch: 2 threads, BLAS ${p.blas} (its Linear layers' speed depends on it)`);
  printFinalLine({
    mlp_ms: round(ours.mlp),
    cnn_ms: round(ours.cnn),
    peer_mlp_ms: round(p?.mlp_ms ?? null),
    peer_cnn_ms: round(p?.cnn_ms ?? null),
    mlp_ratio: ratio(ours.mlp, p?.mlp_ms ?? null),
    cnn_ratio: ratio(ours.cnn, p?.cnn_ms ?? null),
    backend: b,
    peer_blas: p?.blas ?? null,
    batch: P * K,
    warmup,
    steps,
  }, ['mlp_ms', 'cnn_ms', 'peer_mlp_ms', 'peer_cnn_ms', 'backend']);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
