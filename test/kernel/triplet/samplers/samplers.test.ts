import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildSubspaces, classCentres, createRandom, kMeans, pkSampler, subspaceSampler } from '../../../../kernel/triplet/samplers';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import { stop } from '../../../../kernel/triplet/training/stop';
import { randomPoints, useCpu } from '../brute-force';

before(useCpu);

// 6 classes of sizes 5, 5, 4, 3, 2 and a singleton (class 5)
const LABELS = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5];

function take(gen: Generator<Int32Array>, n: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (const b of gen) { out.push(b); if (out.length === n) break; }
  return out;
}

test('createRandom: deterministic, in range, roughly uniform', () => {
  const a = createRandom(42);
  const b = createRandom(42);
  const xs = Array.from({ length: 1000 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(m - 0.5) < 0.05);
  assert.notDeepEqual(xs.slice(0, 5), Array.from({ length: 5 }, createRandom(43).next));
  assert.equal(createRandom(1).weighted([0, 0, 0]), -1);
  assert.equal(createRandom(1).weighted([0, 3, 0]), 1);
});

test('pkSampler: P distinct classes, K samples each, singletons never drawn, small classes repeat', () => {
  for (const batch of take(pkSampler({ labels: LABELS, P: 3, K: 4, seed: 1 }), 50)) {
    assert.equal(batch.length, 12);
    const classes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const block = Array.from(batch.slice(i * 4, i * 4 + 4));
      const c = LABELS[block[0]];
      assert.ok(block.every((j) => LABELS[j] === c), 'one class per block of K');
      const distinct = new Set(block).size;
      const size = LABELS.filter((l) => l === c).length;
      assert.equal(distinct, Math.min(size, 4), 'distinct samples when the class is large enough, all of them otherwise');
      classes.push(c);
    }
    assert.equal(new Set(classes).size, 3);
    assert.ok(!classes.includes(5), 'singleton class excluded');
  }
});

test('pkSampler: same seed same batches, different seed different; batches option ends it; tensor labels', () => {
  const a = [...pkSampler({ labels: LABELS, P: 2, K: 2, seed: 9, batches: 5 })].map((b) => Array.from(b));
  const b = [...pkSampler({ labels: tf.tensor1d(LABELS, 'int32'), P: 2, K: 2, seed: 9, batches: 5 })].map((x) => Array.from(x));
  const c = [...pkSampler({ labels: LABELS, P: 2, K: 2, seed: 10, batches: 5 })].map((x) => Array.from(x));
  assert.equal(a.length, 5);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('pkSampler and subspaceSampler reject bad P, K and labels', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => pkSampler({ labels: LABELS, P: 6, K: 2 }).next(), /pkSampler: argument 'P' is 6 but only 5 classes have at least 2 samples/],
    [() => pkSampler({ labels: LABELS, P: 2, K: 1 }).next(), /pkSampler: argument 'K' is 1/],
    [() => pkSampler({ labels: LABELS, P: 1, K: 2 }).next(), /pkSampler: argument 'P' is 1/],
    [() => pkSampler({ labels: [0, 0.5], P: 2, K: 2 }).next(), /pkSampler: argument 'labels' entry 1/],
    [() => subspaceSampler({ labels: LABELS, subspaces: [[0, 9]], P: 2, K: 2 }).next(), /subspaceSampler: argument 'subspaces' contains class 9/],
    [() => subspaceSampler({ labels: LABELS, subspaces: [], P: 2, K: 2 }).next(), /argument 'subspaces' must be a non-empty array/],
  ];
  for (const [fn, re] of cases) assert.throws(fn, (e: unknown) => e instanceof TripletInputError && re.test(e.message), String(re));
});

test('subspaceSampler: each batch draws its classes from one subspace, round-robin, topped up when small', () => {
  const subspaces = [[0, 1], [2, 3, 4], [5]];
  const batches = take(subspaceSampler({ labels: LABELS, subspaces, P: 2, K: 3, seed: 4 }), 20);
  const seen: number[] = [];
  for (const batch of batches) {
    const classes = [...new Set(Array.from(batch, (i) => LABELS[i]))];
    assert.equal(classes.length, 2);
    const home = subspaces.findIndex((s) => classes.every((c) => s.includes(c)));
    assert.ok(home >= 0, `classes ${classes} from one subspace`);
    seen.push(home);
  }
  // subspace [5] holds only a singleton: skipped; the other two alternate within each round of 2
  for (let r = 0; r < 20; r += 2) assert.deepEqual([seen[r], seen[r + 1]].sort(), [0, 1]);
  const topped = take(subspaceSampler({ labels: LABELS, subspaces: [[0], [1, 2, 3, 4]], P: 3, K: 2, seed: 1 }), 6);
  for (const b of topped) assert.equal(new Set(Array.from(b, (i) => LABELS[i])).size, 3);
  const again = take(subspaceSampler({ labels: LABELS, subspaces, P: 2, K: 3, seed: 4 }), 20);
  assert.deepEqual(again.map((b) => Array.from(b)), batches.map((b) => Array.from(b)));
});

test('kMeans recovers separated blobs, seeded, on typed arrays', async () => {
  const centres = [[0, 0], [10, 0], [0, 10], [10, 10]];
  const noise = randomPoints(80, 2, 3, 1);
  const points = noise.map((p, i) => [p[0] + centres[i % 4][0], p[1] + centres[i % 4][1]]);
  for (const seed of [0, 1, 2]) {
    const r = await kMeans(points, 4, { seed });
    for (let blob = 0; blob < 4; blob++) {
      const ids = new Set(points.map((_, i) => i).filter((i) => i % 4 === blob).map((i) => r.assignments[i]));
      assert.equal(ids.size, 1, `blob ${blob} in one cluster (seed ${seed})`);
    }
    assert.equal(new Set(r.assignments).size, 4);
    assert.ok(r.inertia < 80 * 2);
    assert.equal(r.stopped, false);
    // Brute force: every point sits with its nearest centroid, and inertia is the sum of those distances.
    let inertia = 0;
    points.forEach((p, i) => {
      const d = Array.from({ length: 4 }, (_, c) => (p[0] - r.centroids[c * 2]) ** 2 + (p[1] - r.centroids[c * 2 + 1]) ** 2);
      assert.equal(d.indexOf(Math.min(...d)), r.assignments[i]);
      inertia += Math.min(...d);
    });
    assert.ok(Math.abs(inertia - r.inertia) < 1e-3 * inertia);
  }
  assert.deepEqual(await kMeans(points, 4, { seed: 7 }), await kMeans(points, 4, { seed: 7 }));
  const cloud = randomPoints(2000, 4, 9, 1);
  const exact = await kMeans(cloud, 30, { seed: 1, tolerance: 0, iterations: 200 });
  const loose = await kMeans(cloud, 30, { seed: 1, tolerance: 0.05, iterations: 200 });
  assert.ok(loose.iterations < exact.iterations, `tolerance 0.05 stops after ${loose.iterations} iterations, none after ${exact.iterations}`);
  await assert.rejects(kMeans(points, 2, { tolerance: 1 }), /kMeans: argument 'options.tolerance' is 1/);
  await assert.rejects(kMeans(points, 0), /kMeans: argument 'k' is 0/);
  await assert.rejects(kMeans([[0, 1], [1]], 1), /kMeans: argument 'points' row 1/);
});

test('classCentres and buildSubspaces group close classes together, from features, centres or a model', async () => {
  // classes 0,1 near (0,0); classes 2,3 near (5,5); class 4 near (20,0)
  const offsets = [[0, 0], [0.5, 0], [5, 5], [5.5, 5], [20, 0]];
  const labels: number[] = [];
  const rows: number[][] = [];
  const noise = randomPoints(25, 2, 8, 0.1);
  for (let i = 0; i < 25; i++) {
    const c = i % 5;
    labels.push(c);
    rows.push([offsets[c][0] + noise[i][0], offsets[c][1] + noise[i][1]]);
  }
  const x = tf.tensor2d(rows);
  const cc = classCentres(x, labels);
  assert.deepEqual(cc.classIds, [0, 1, 2, 3, 4]);
  assert.deepEqual(Array.from(cc.counts), [5, 5, 5, 5, 5]);
  for (let k = 0; k < 5; k++) {
    const mean = [0, 1].map((j) => rows.filter((_, i) => labels[i] === k).reduce((s, r) => s + r[j], 0) / 5);
    assert.ok(Math.abs(cc.centres[k * 2] - mean[0]) < 1e-5 && Math.abs(cc.centres[k * 2 + 1] - mean[1]) < 1e-5);
  }
  const sorted = (g: number[][]) => g.map((a) => a.slice().sort()).sort((a, b) => a[0] - b[0]);
  const want = [[0, 1], [2, 3], [4]];
  assert.deepEqual(sorted((await buildSubspaces(cc, { subspaces: 3, seed: 0 })).groups), want);
  assert.deepEqual(sorted((await buildSubspaces(x, labels, { subspaces: 3 })).groups), want);
  assert.deepEqual(sorted((await buildSubspaces((v: tf.Tensor) => tf.mul(v, 2), { x, labels }, { subspaces: 3 })).groups), want);
  const byCount = await buildSubspaces(cc, { identitiesPerSubspace: 2 });
  assert.equal(byCount.groups.length, 3, 'round(5 / 2) subspaces (one may not empty)');
  assert.deepEqual(byCount.sizes, byCount.groups.map((g) => g.length));
  await assert.rejects(buildSubspaces(cc, { subspaces: 6 }), /buildSubspaces: argument 'options.subspaces' is 6 for 5 classes/);
  await assert.rejects(buildSubspaces(cc, { subspaces: 2, identitiesPerSubspace: 2 }), /gives both/);
  await assert.rejects(buildSubspaces(x), /buildSubspaces: argument 'labels' is missing/);
  x.dispose();
});

test('buildSubspaces leaves the event loop free, reports progress and ends on stop()', async () => {
  // 20,000 identities in 32 dims: long enough to need several slices.
  const n = 20_000;
  const d = 32;
  const data = new Float32Array(n * d);
  const rng = createRandom(3);
  for (let i = 0; i < data.length; i++) data[i] = rng.next();
  const ids = Array.from({ length: n }, (_, i) => i);
  let timerRuns = 0;
  const timer = setInterval(() => { timerRuns++; }, 1);
  const phases = new Set<string>();
  const full = await buildSubspaces({ x: data, n, dims: d }, ids, { subspaces: 40, iterations: 5, sliceMs: 5, onProgress: (p) => phases.add(p.phase) });
  clearInterval(timer);
  assert.ok(timerRuns > 2, `a timer ran ${timerRuns} times during the build`);
  assert.deepEqual([...phases].sort(), ['iterations', 'seeding']);
  assert.equal(full.sizes.reduce((a, b) => a + b, 0), n, 'every identity in one subspace');
  assert.equal(full.stopped, false);

  const started = performance.now();
  const pending = buildSubspaces({ x: data, n, dims: d }, ids, { subspaces: 40, iterations: 50, sliceMs: 5 });
  setTimeout(() => stop(), 20);
  const cut = await pending;
  assert.equal(cut.stopped, true);
  assert.ok(performance.now() - started < 5000);
  assert.equal(cut.sizes.reduce((a, b) => a + b, 0), n, 'a stopped build still places every identity');
});
