import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  allMiner, assertMinedTriplets, batchHardMiner, batchHardMinerWith, batchEasyHardMiner, categorizeTriplets, disposeMined, distanceWeightedMiner,
  easyMiner, getMiner, hardMiner, MINER_NAMES, MinedTriplets, randomMiner, semiHardMiner,
} from '../../../../kernel/triplet/miners';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import { pairwiseDistances } from '../../../../kernel/triplet/distances';
import { batchHardTripletLoss, contrastiveLoss, createMarginBeta, marginLoss, semiHardTripletLoss } from '../../../../kernel/triplet/losses';
import { mean } from '../../../../kernel/triplet/reducers';
import '@tensorflow/tfjs-backend-wasm';
import { allTriplets, category, dist, key, minedKeys, Name, normalizeRow, randomPoints, useCpu } from '../brute-force';

before(useCpu);

const LABELS = [0, 0, 1, 1, 2, 2, 0, 1, 2, 3];
const X = randomPoints(LABELS.length, 3, 7, 0.6);

function mine(fn: typeof allMiner, x: number[][], labels: number[], options = {}): MinedTriplets {
  const t = tf.tensor2d(x);
  const m = fn(t, labels, options);
  t.dispose();
  assertMinedTriplets(m, labels.length, labels);
  return m;
}

test('categorizeTriplets counts match brute force; stats means are over pairs', () => {
  for (const name of ['euclidean', 'squared-euclidean', 'cosine'] as Name[]) {
    const d = tf.tidy(() => pairwiseDistances(tf.tensor2d(X), undefined, { distance: name }));
    const c = categorizeTriplets(d, Int32Array.from(LABELS), 0.3);
    d.dispose();
    const ts = allTriplets(LABELS);
    const counts = { easy: 0, semiHard: 0, hard: 0 };
    for (const t of ts) counts[category(X, t, 0.3, name)]++;
    assert.deepEqual({ easy: c.stats.easy, semiHard: c.stats.semiHard, hard: c.stats.hard, total: c.stats.total },
      { ...counts, total: ts.length });
    let ps = 0, pc = 0, ns = 0, nc = 0;
    for (let i = 0; i < LABELS.length; i++) for (let j = 0; j < LABELS.length; j++) {
      if (i === j) continue;
      if (LABELS[i] === LABELS[j]) { ps += dist(X[i], X[j], name); pc++; } else { ns += dist(X[i], X[j], name); nc++; }
    }
    assert.ok(Math.abs(c.stats.meanPositive - ps / pc) < 1e-4);
    assert.ok(Math.abs(c.stats.meanNegative - ns / nc) < 1e-4);
    assert.equal(c.anchors.length, 0, 'no indices unless asked for');
  }
});

test('all / easy / semi-hard / hard miners return exactly the brute-force triplet sets', () => {
  const ts = allTriplets(LABELS);
  const cases: [typeof allMiner, (c: string) => boolean][] = [
    [allMiner, () => true], [easyMiner, (c) => c === 'easy'], [semiHardMiner, (c) => c === 'semiHard'], [hardMiner, (c) => c === 'hard'],
  ];
  for (const margin of [0.1, 0.5]) {
    for (const [miner, keep] of cases) {
      const m = mine(miner, X, LABELS, { margin });
      const want = ts.filter((t) => keep(category(X, t, margin))).map(key).sort();
      assert.deepEqual(minedKeys(m), want);
      assert.equal(m.stats.total, ts.length);
      disposeMined(m);
    }
  }
});

test('4 points on a line: hand-categorised triplets and batch-hard choice', () => {
  // 0, 1 (class 0), 3, 6 (class 1), margin 1.5
  // (0,1,2) t=3-1=2 easy; (0,1,3) 5 easy; (1,0,2) t=2-1=1 semi; (1,0,3) 4 easy;
  // (2,3,0) t=3-3=0 hard; (2,3,1) t=2-3=-1 hard; (3,2,0) t=6-3=3 easy; (3,2,1) 5-3=2 easy
  const x = [[0], [1], [3], [6]];
  const labels = [0, 0, 1, 1];
  const m = mine(allMiner, x, labels, { margin: 1.5 });
  assert.deepEqual({ ...m.stats, meanPositive: 0, meanNegative: 0 }, { total: 8, easy: 5, semiHard: 1, hard: 2, meanPositive: 0, meanNegative: 0 });
  assert.equal(m.stats.meanPositive, 2); // pairs (0,1) 1 and (2,3) 3, both orders
  disposeMined(m);
  const h = mine(hardMiner, x, labels, { margin: 1.5 });
  assert.deepEqual(minedKeys(h), ['2,3,0', '2,3,1']);
  disposeMined(h);
  const s = mine(semiHardMiner, x, labels, { margin: 1.5 });
  assert.deepEqual(minedKeys(s), ['1,0,2']);
  disposeMined(s);
  const b = mine(batchHardMiner, x, labels);
  assert.deepEqual(minedKeys(b), ['0,1,2', '1,0,2', '2,3,1', '3,2,1']);
  disposeMined(b);
});

test('batchHardMiner / batchEasyHardMiner pick per-anchor extremes as brute force does', () => {
  const easyPos = batchEasyHardMiner({ positives: 'easy', negatives: 'hard' });
  for (const [miner, posSign, negSign] of [[batchHardMiner, 1, -1], [easyPos, -1, -1]] as const) {
    const m = mine(miner, X, LABELS);
    const want: string[] = [];
    for (let a = 0; a < LABELS.length; a++) {
      const pos = LABELS.map((l, j) => j).filter((j) => j !== a && LABELS[j] === LABELS[a]);
      const neg = LABELS.map((l, j) => j).filter((j) => LABELS[j] !== LABELS[a]);
      if (!pos.length || !neg.length) continue;
      const pick = (c: number[], s: number) => c.reduce((b, j) => (s * dist(X[a], X[j]) > s * dist(X[a], X[b]) ? j : b));
      want.push(`${a},${pick(pos, posSign)},${pick(neg, negSign)}`);
    }
    assert.deepEqual(minedKeys(m), want.sort());
    disposeMined(m);
  }
});

test('random and distance-weighted miners are deterministic for a seed and differ across seeds', () => {
  const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
  const x = randomPoints(labels.length, 8, 3).map(normalizeRow);
  for (const miner of [randomMiner, distanceWeightedMiner]) {
    const a = mine(miner, x, labels, { seed: 5 });
    const b = mine(miner, x, labels, { seed: 5 });
    const c = mine(miner, x, labels, { seed: 6 });
    assert.deepEqual(minedKeys(a), minedKeys(b));
    assert.notDeepEqual(minedKeys(a), minedKeys(c));
    [a, b, c].forEach(disposeMined);
  }
});

test('randomMiner: one triplet per anchor-positive pair with a uniform negative', () => {
  const labels = [0, 0, 1, 1, 1, 2];
  const x = randomPoints(labels.length, 2, 9);
  const counts = new Map<string, number>();
  for (let seed = 0; seed < 300; seed++) {
    const m = mine(randomMiner, x, labels, { seed });
    assert.equal(m.anchors.size, 2 + 6);
    for (const k of minedKeys(m)) counts.set(k, (counts.get(k) ?? 0) + 1);
    disposeMined(m);
  }
  // anchor 0, positive 1: negatives 2, 3, 4, 5 each about 1/4 of 300
  for (const n of [2, 3, 4, 5]) {
    const c = counts.get(`0,1,${n}`) ?? 0;
    assert.ok(c > 40 && c < 110, `negative ${n} drawn ${c} times`);
  }
});

test('distanceWeightedMiner follows 1/q(d) weights with cutoffs (Wu et al. 2017)', () => {
  // dim 4 on the unit sphere: q(d) ∝ d^2 (1 − d²/4)^(1/2); weight ∝ 1/q(max(d, 0.5)), 0 for d ≥ 1.4.
  const angle = (t: number) => [Math.cos(t), Math.sin(t), 0, 0];
  const x = [angle(0), angle(0.05), angle(0.3), angle(0.6), angle(1.0), angle(2.0)];
  const labels = [0, 0, 1, 2, 3, 4];
  const w = [2, 3, 4, 5].map((j) => {
    const d = dist(x[0], x[j]);
    if (d >= 1.4) return 0;
    const c = Math.max(d, 0.5);
    return 1 / (c ** 2 * Math.sqrt(1 - (c * c) / 4));
  });
  const total = w.reduce((a, b) => a + b, 0);
  assert.equal(w[3], 0, 'the farthest negative is beyond the nonzero-loss cutoff');
  const counts = [0, 0, 0, 0];
  const runs = 2000;
  for (let seed = 0; seed < runs; seed++) {
    const m = mine(distanceWeightedMiner, x, labels, { seed });
    const a = m.anchors.dataSync();
    const n = m.negatives.dataSync();
    for (let i = 0; i < a.length; i++) if (a[i] === 0) counts[n[i] - 2]++;
    disposeMined(m);
  }
  counts.forEach((c, i) => assert.ok(Math.abs(c / runs - w[i] / total) < 0.04, `negative ${i + 2}: ${c / runs} vs ${w[i] / total}`));
});

test('getMiner resolves every name and rejects unknown names listing the valid ones', () => {
  for (const name of MINER_NAMES) assert.equal(typeof getMiner(name), 'function');
  assert.equal(getMiner(hardMiner), hardMiner);
  assert.throws(() => getMiner('semihard' as never), (e: unknown) => e instanceof TripletInputError &&
    /getMiner: argument 'miner'/.test(e.message) && /'semi-hard'/.test(e.message) && /'distance-weighted'/.test(e.message));
});

test('miners reject bad inputs with TripletInputError naming argument and function', () => {
  const x = tf.tensor2d(X);
  const cases: [() => unknown, RegExp][] = [
    [() => batchHardMiner(x, [0, 1, 2]), /batchHardMiner: argument 'labels' has 3 entries/],
    [() => hardMiner(x, LABELS.map((_, i) => i)), /hardMiner: argument 'labels' has a single sample per class/],
    [() => allMiner(tf.tensor2d([[NaN, 1], [1, 1]]), [0, 0]), /allMiner: argument 'embeddings' contains NaN/],
    [() => randomMiner(tf.tensor2d([], [0, 2]), []), /randomMiner: argument 'embeddings' is an empty batch/],
    [() => distanceWeightedMiner(x, LABELS, { distance: 'cosine' }), /distanceWeightedMiner: argument 'options.distance'/],
    [() => semiHardMiner(x, tf.tensor2d([[0]]) as never), /semiHardMiner: argument 'labels' must be 1-d/],
  ];
  for (const [fn, re] of cases) assert.throws(fn, (e: unknown) => e instanceof TripletInputError && re.test(e.message), String(re));
  x.dispose();
});

test('assertMinedTriplets rejects invalid triplets', () => {
  const labels = [0, 0, 1];
  const bad = (a: number, p: number, n: number) => ({ anchors: Int32Array.of(a), positives: Int32Array.of(p), negatives: Int32Array.of(n) });
  assert.throws(() => assertMinedTriplets(bad(0, 0, 2), 3, labels), /not valid/);
  assert.throws(() => assertMinedTriplets(bad(0, 2, 1), 3, labels), /not valid/);
  assert.throws(() => assertMinedTriplets(bad(0, 1, 1), 3, labels), /not valid/);
  assert.throws(() => assertMinedTriplets(bad(0, 1, 3), 3, labels), /outside the batch/);
  assert.doesNotThrow(() => assertMinedTriplets(bad(0, 1, 2), 3, labels));
});

test('single-class batch: miners return no triplets, stats zero; labels as tensor work; no leak', () => {
  const x = tf.tensor2d(randomPoints(4, 2, 1));
  const labels = tf.tensor1d([1, 1, 1, 1], 'int32');
  const before = tf.memory().numTensors;
  for (const name of MINER_NAMES) {
    const m = getMiner(name)(x, labels);
    assert.equal(m.anchors.size, 0, name);
    assert.equal(m.stats.total, 0);
    disposeMined(m);
  }
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, labels]);
});

test('wasm backend smoke test: batch-hard miner and loss agree with cpu', async () => {
  const run = () => {
    const x = tf.tensor2d(X);
    const m = batchHardMiner(x, LABELS);
    const keys = minedKeys(m);
    disposeMined(m);
    const l = mean(batchHardTripletLoss(x, LABELS));
    const v = l.dataSync()[0];
    tf.dispose([x, l]);
    return { keys, v };
  };
  const cpu = run();
  await tf.setBackend('wasm');
  try {
    const wasm = run();
    assert.deepEqual(wasm.keys, cpu.keys);
    assert.ok(Math.abs(wasm.v - cpu.v) < 1e-4);
    // Gradients must run on wasm too: it lacks UnsortedSegmentSum (stock gather gradient).
    const x = tf.tensor2d(X);
    const m = batchHardMiner(x, LABELS);
    const beta = createMarginBeta({ numClasses: 4 });
    const losses: ((v: tf.Tensor2D) => tf.Scalar)[] = [
      (v) => mean(batchHardTripletLoss(v, LABELS)),
      (v) => mean(semiHardTripletLoss(v, LABELS)),
      (v) => mean(contrastiveLoss(v, LABELS)),
      (v) => mean(marginLoss(v, LABELS, m, { beta })),
    ];
    for (const fn of losses) {
      const g = tf.grad((v: tf.Tensor) => fn(v as tf.Tensor2D))(x);
      assert.ok(g.dataSync().every(Number.isFinite));
      assert.ok(g.dataSync().some((v) => v !== 0));
      g.dispose();
    }
    disposeMined(m);
    tf.dispose([x, beta]);
  } finally {
    await tf.setBackend('cpu');
  }
});

test('miners check the margin: NaN, negative and non-numbers name the option', () => {
  const x = tf.tensor2d(X);
  for (const margin of [Number.NaN, -1, 'wide'] as unknown as number[]) {
    for (const [name, miner] of [['allMiner', allMiner], ['semiHardMiner', semiHardMiner], ['batchHardMiner', batchHardMiner]] as const) {
      assert.throws(() => miner(x, LABELS, { margin }),
        (e: unknown) => e instanceof TripletInputError && e.message.startsWith(`${name}: argument 'options.margin' is `), `${name} ${String(margin)}`);
    }
  }
  x.dispose();
});

test('batchHardMinerWith({ negatives }) gives each anchor its farthest positive and its nearest negatives (brute force)', () => {
  for (const count of [1, 2, 5, 20]) {
    const m = mine(batchHardMinerWith({ negatives: count }), X, LABELS);
    const want: string[] = [];
    LABELS.forEach((l, a) => {
      const pos = LABELS.map((_, j) => j).filter((j) => j !== a && LABELS[j] === l);
      const neg = LABELS.map((_, j) => j).filter((j) => LABELS[j] !== l);
      if (pos.length === 0 || neg.length === 0) return;
      const d = (j: number) => dist(X[a], X[j]);
      const p = pos.reduce((b, j) => (d(j) > d(b) ? j : b));
      for (const q of neg.sort((u, v) => d(u) - d(v) || u - v).slice(0, count)) want.push(`${a},${p},${q}`);
    });
    assert.deepEqual(minedKeys(m), want.sort(), `negatives ${count}`);
    disposeMined(m);
  }
  assert.deepEqual(minedKeys(mine(batchHardMinerWith({ negatives: 1 }), X, LABELS)), minedKeys(mine(batchHardMiner, X, LABELS)));
  assert.throws(() => batchHardMinerWith({ negatives: 0 }), /batchHardMinerWith: argument 'negatives' is 0/);
});
