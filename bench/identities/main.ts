/**
 * Many-identity benchmark (issue: "100K identities"), on a synthetic data set of identities in
 * confusable families (triplet.makeIdentities, kernel/triplet/datasets/identity-families.ts), made here with a fixed seed:
 * 1. build: buildSubspaces over 100,000 identities (2 samples each, 64 dims) into subspaces of
 *    ~10,000 identities, as Wang et al. 2017; seconds and peak RSS.
 * 2. retrieval: exact nearest neighbours of 4,000 queries in a 100,000 × 64 gallery (one sample
 *    per identity) with retrievalMetricsAsync, against PyTorch brute force in blocks
 *    (torch.cdist + topk) on the same floats in the same run; seconds and peak RSS.
 * 3. training: the same MLP, steps and seed on 10,000 identities × 4 samples, with random P×K
 *    batches ('batch-hard') and with subspace batches ('subspace-hard', fit's defaults: 16·P
 *    identities per subspace, rebuilt every epoch from the model; and again with 4 nearest
 *    negatives per anchor); held-out MAP@R on 1,000 new identities (in new families), and the mean
 *    nearest-negative distance in the batches each sampler draws (smaller = harder).
 * `--quick`: 20,000 identities for build and retrieval (500 queries), 2,000 for training, 150 steps.
 * Last stdout line: { identities, build_s, build_rss_mb, retrieval_s, retrieval_rss_mb,
 * peer_retrieval_s, map_at_r_random_pk, map_at_r_subspace, hardest_negative_random_pk,
 * hardest_negative_subspace }; the `details:` line before it has the rest.
 */
import * as tf from '@tensorflow/tfjs';
import {
  backend, buildSubspaces, configure, embed, fit, makeDataset, pkSampler, ready, retrievalMetrics, retrievalMetricsAsync, subspaceSampler, type Dataset,
} from '../../kernel/triplet';
import { peerScript, runPeer } from '../mnist-triplet/peer';
import { makeIdentities, sampleIdentities } from '../../kernel/triplet/datasets/identity-families';
import { printFinalLine } from '../final-line';

const quick = process.argv.includes('--quick');
const SIZES = quick
  ? { identities: 20_000, queries: 500, trainIdentities: 2_000, heldOut: 300, steps: 150, epochs: 3 }
  : { identities: 100_000, queries: 4_000, trainIdentities: 10_000, heldOut: 1_000, steps: 900, epochs: 6 };
const P = 16;
const K = 4;

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Peak resident memory while `work` runs, sampled from its progress reports and at its ends. */
async function withPeakRss<T>(work: (sample: () => void) => Promise<T>): Promise<{ value: T; peakMb: number; seconds: number }> {
  let peak = process.memoryUsage().rss;
  const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
  const t0 = performance.now();
  const value = await work(sample);
  const seconds = (performance.now() - t0) / 1000;
  sample();
  return { value, peakMb: mb(peak), seconds };
}

/** The peer runner's input form; identities are numbered, so no label names. */
function asDataset(d: { x: Float32Array; labels: Int32Array; dims: number }): Dataset {
  return makeDataset(d.x, d.labels, d.dims, []);
}

async function buildPart() {
  const people = makeIdentities({ identities: SIZES.identities, familyDims: 32, identityDims: 32, seed: 1 });
  const samples = sampleIdentities(people, { perIdentity: 2, seed: 2 });
  global.gc?.();
  const r = await withPeakRss((sample) => buildSubspaces(samples, samples.labels, { identitiesPerSubspace: 10_000, seed: 0, onProgress: sample }));
  console.log(`build: ${SIZES.identities} identities (${samples.n} samples × ${samples.dims}) into ${r.value.groups.length} subspaces `
    + `(${Math.min(...r.value.sizes)}–${Math.max(...r.value.sizes)} identities, ${r.value.iterations} iterations) in ${r.seconds.toFixed(2)} s, peak RSS ${r.peakMb} MB`);
  return { people, seconds: r.seconds, rss: r.peakMb };
}

async function retrievalPart(people: ReturnType<typeof makeIdentities>) {
  const gallery = sampleIdentities(people, { perIdentity: 1, noise: 0.9, seed: 3 });
  const queryIds = Int32Array.from({ length: SIZES.queries }, (_, i) => Math.floor((i * people.identities) / SIZES.queries));
  const queries = sampleIdentities(people, { perIdentity: 1, noise: 0.9, ids: queryIds, seed: 4 });
  global.gc?.();
  const r = await withPeakRss((sample) => retrievalMetricsAsync({ x: queries.x, n: queries.n, dims: queries.dims }, queries.labels, {
    reference: { embeddings: { x: gallery.x, n: gallery.n, dims: gallery.dims }, labels: gallery.labels }, k: [1, 10], onProgress: sample,
  }));
  console.log(`retrieval: ${queries.n} queries in a ${gallery.n} × ${gallery.dims} gallery: ${r.seconds.toFixed(2)} s, peak RSS ${r.peakMb} MB, `
    + `P@1 ${r.value.precisionAtOne.toFixed(4)}, R@10 ${r.value.recallAtK[10].toFixed(4)}`);
  const peer = process.argv.includes('--no-peer')
    ? { result: null, note: 'PyTorch peer skipped (--no-peer)' }
    : runPeer<{ seconds: number; p_at_1: number; recall_at_10: number; threads: number }>(peerScript('identities'), { gallery: asDataset(gallery), queries: asDataset(queries) }, [String(gallery.dims)]);
  if (peer.note) console.error(peer.note);
  if (peer.result) console.log(`PyTorch (${peer.result.threads} threads): ${peer.result.seconds.toFixed(2)} s, P@1 ${peer.result.p_at_1.toFixed(4)}, R@10 ${peer.result.recall_at_10.toFixed(4)}`);
  return { seconds: r.seconds, rss: r.peakMb, pAt1: r.value.precisionAtOne, peer: peer.result };
}

function mlp(inputs: number): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [inputs], units: 64, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }));
  m.add(tf.layers.dense({ units: 32, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }));
  return m;
}

/** Mean over the anchors of 200 batches of the distance to the nearest negative in the batch, in `space` (smaller = harder). */
function hardestNegative(batches: Iterable<Int32Array>, space: Float32Array, dims: number, labels: Int32Array): number {
  let sum = 0;
  let count = 0;
  for (const b of batches) {
    for (const a of b) {
      let best = Infinity;
      for (const q of b) {
        if (labels[q] === labels[a]) continue;
        let s = 0;
        for (let j = 0; j < dims; j++) s += (space[a * dims + j] - space[q * dims + j]) ** 2;
        best = Math.min(best, Math.sqrt(s));
      }
      sum += best;
      count++;
    }
  }
  return sum / count;
}

async function trainingPart() {
  const total = SIZES.trainIdentities + SIZES.heldOut;
  const people = makeIdentities({ identities: total, seed: 11 });
  const spec = { nuisanceDims: 16, outDims: 32, mixSeed: 5 };
  const trainIds = Int32Array.from({ length: SIZES.trainIdentities }, (_, i) => i);
  // Held-out identities are new ones in new families (20 consecutive ids per family): retrieving
  // the right one takes the within-family differences the model learned.
  const heldIds = Int32Array.from({ length: SIZES.heldOut }, (_, i) => SIZES.trainIdentities + i);
  const train = sampleIdentities(people, { ...spec, perIdentity: K, ids: trainIds, seed: 12 });
  const held = sampleIdentities(people, { ...spec, perIdentity: 4, ids: heldIds, seed: 13 });
  const stepsPerEpoch = Math.ceil(SIZES.steps / SIZES.epochs);

  const score = async (mining: string, negatives = 1) => {
    configure({ mining, margin: 0.2, normalize: true, distance: 'euclidean', softMargin: false });
    const model = mlp(train.dims);
    const r = await fit(model, { x: train.x, labels: train.labels, dims: train.dims }, {
      steps: SIZES.steps, stepsPerEpoch, P, K, seed: 0, display: false, learningRate: 1e-3, subspaces: { negatives },
    });
    const xt = tf.tensor2d(held.x, [held.n, held.dims]);
    const e = embed(model, xt);
    xt.dispose();
    model.dispose();
    const m = retrievalMetrics({ x: e.data, n: e.n, dims: e.dims }, held.labels, { k: 1 });
    console.log(`training, ${mining}${negatives > 1 ? ` (${negatives} nearest negatives)` : ''}: ${r.steps} steps in ${r.seconds.toFixed(1)} s, held-out MAP@R ${m.mapAtR.toFixed(4)}, P@1 ${m.precisionAtOne.toFixed(4)}`
      + (r.history.subspaces?.length ? ` (subspaces: ${r.history.subspaces.map((s) => `${s.count} in ${s.seconds.toFixed(2)} s`).join(', ')})` : ''));
    return m.mapAtR;
  };
  const mapRandom = await score('batch-hard');
  const mapSubspace = await score('subspace-hard');
  const mapSubspaceNegatives = await score('subspace-hard', 4);

  // How hard the negatives each sampler offers are, in the identity latent space (fixed, model-free).
  const latentOfRow = new Float32Array(train.n * people.latentDims);
  for (let s = 0; s < train.n; s++) latentOfRow.set(people.latent.subarray(train.labels[s] * people.latentDims, (train.labels[s] + 1) * people.latentDims), s * people.latentDims);
  const groups = await buildSubspaces({ x: latentOfRow, n: train.n, dims: people.latentDims }, train.labels, { identitiesPerSubspace: 16 * P, seed: 0 });
  const hnRandom = hardestNegative(pkSampler({ labels: train.labels, P, K, seed: 0, batches: 200 }), latentOfRow, people.latentDims, train.labels);
  const hnSubspace = hardestNegative(subspaceSampler({ labels: train.labels, subspaces: groups, P, K, seed: 0, batches: 200 }), latentOfRow, people.latentDims, train.labels);
  console.log(`nearest negative in a batch (identity space, mean over anchors of 200 batches): random P×K ${hnRandom.toFixed(3)}, subspace ${hnSubspace.toFixed(3)}`);
  return { mapRandom, mapSubspace, mapSubspaceNegatives, hnRandom, hnSubspace };
}

async function main(): Promise<void> {
  await ready();
  const build = await buildPart();
  const retrieval = await retrievalPart(build.people);
  const training = await trainingPart();
  const out = {
    identities: SIZES.identities,
    build_s: build.seconds,
    build_rss_mb: build.rss,
    retrieval_s: retrieval.seconds,
    retrieval_rss_mb: retrieval.rss,
    peer_retrieval_s: retrieval.peer?.seconds ?? null,
    map_at_r_random_pk: training.mapRandom,
    map_at_r_subspace: training.mapSubspace,
    hardest_negative_random_pk: training.hnRandom,
    hardest_negative_subspace: training.hnSubspace,
    map_at_r_subspace_4_negatives: training.mapSubspaceNegatives,
    retrieval_queries: SIZES.queries,
    retrieval_p_at_1: retrieval.pAt1,
    peer_retrieval_p_at_1: retrieval.peer?.p_at_1 ?? null,
    train_identities: SIZES.trainIdentities,
    train_steps: SIZES.steps,
    backend: backend().name,
  };
  printFinalLine(out, ['identities', 'build_s', 'build_rss_mb', 'retrieval_s', 'retrieval_rss_mb', 'peer_retrieval_s',
    'map_at_r_random_pk', 'map_at_r_subspace', 'hardest_negative_random_pk', 'hardest_negative_subspace']);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
