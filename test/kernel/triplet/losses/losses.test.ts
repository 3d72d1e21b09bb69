import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  batchAllTripletLoss, batchHardTripletLoss, contrastiveLoss, createMarginBeta, marginLoss, semiHardTripletLoss, tripletMarginLoss,
} from '../../../../kernel/triplet/losses';
import { mean, meanNonZero, sum } from '../../../../kernel/triplet/reducers';
import { allTripletIndices } from '../../../../kernel/triplet/miners';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import { allTriplets, assertClose, checkGradient, dist, Name, randomPoints, useCpu } from '../brute-force';

before(useCpu);

const LABELS = [0, 0, 1, 1, 2, 2, 0, 1];
const X = randomPoints(LABELS.length, 3, 11);
const NAMES: Name[] = ['euclidean', 'squared-euclidean', 'cosine'];

function values(t: tf.Tensor): number[] {
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
}

function scalar(t: tf.Scalar): number {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}

/** Brute-force batch-hard: per anchor farthest positive vs nearest negative. */
function bruteBatchHard(x: number[][], labels: number[], m: number, name: Name, soft = false): number[] {
  const out: number[] = [];
  for (let a = 0; a < labels.length; a++) {
    let hp = -1;
    let hn = Infinity;
    for (let j = 0; j < labels.length; j++) {
      if (j === a) continue;
      const d = dist(x[a], x[j], name);
      if (labels[j] === labels[a]) hp = Math.max(hp, d);
      else hn = Math.min(hn, d);
    }
    if (hp < 0 || hn === Infinity) continue;
    out.push(soft ? Math.log1p(Math.exp(hp - hn)) : Math.max(hp - hn + m, 0));
  }
  return out;
}

/** TF Addons triplet_semihard_loss, written as its loops: per positive pair, semi-hard negative or farthest negative. */
function bruteSemiHard(x: number[][], labels: number[], m: number): number {
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < labels.length; a++) {
    for (let p = 0; p < labels.length; p++) {
      if (p === a || labels[p] !== labels[a]) continue;
      const dap = dist(x[a], x[p]);
      const negs = labels.map((l, n) => (l !== labels[a] ? dist(x[a], x[n]) : NaN)).filter((v) => !Number.isNaN(v));
      const farther = negs.filter((v) => v > dap);
      const dan = farther.length ? Math.min(...farther) : Math.max(...negs);
      total += Math.max(dap - dan + m, 0);
      pairs++;
    }
  }
  return total / pairs;
}

test('batchHardTripletLoss matches brute force for every distance, hinge and soft margin', () => {
  for (const name of NAMES) {
    for (const soft of [false, true]) {
      const got = values(tf.tidy(() => batchHardTripletLoss(tf.tensor2d(X), LABELS, { margin: 0.3, distance: name, softMargin: soft })));
      const want = bruteBatchHard(X, LABELS, 0.3, name, soft);
      assert.equal(got.length, want.length);
      got.forEach((g, i) => assertClose(g, want[i], 1e-4, `${name} soft=${soft} anchor ${i}`));
    }
  }
});

test('4 points on a line: hand-computed batch-hard and batch-all values', () => {
  // x = 0, 1 (class 0), 3, 6 (class 1); margin 1.
  // anchor 0: hp 1, hn 3 → 0 ; anchor 1: hp 1, hn 2 → 0 ; anchor 2: hp 3, hn 2 → 2 ; anchor 3: hp 3, hn 5 → 0
  const x = [[0], [1], [3], [6]];
  const labels = [0, 0, 1, 1];
  const bh = values(tf.tidy(() => batchHardTripletLoss(tf.tensor2d(x), labels, { margin: 1 })));
  assert.deepEqual(bh, [0, 0, 2, 0]);
  // all triplets (a,p,n): (0,1,2) 1-3+1=-1→0, (0,1,3) →0, (1,0,2) 1-2+1=0, (1,0,3) 1-5+1→0,
  // (2,3,0) 3-3+1=1, (2,3,1) 3-2+1=2, (3,2,0) 3-6+1→0, (3,2,1) 3-5+1→0
  const ba = tf.tidy(() => batchAllTripletLoss(tf.tensor2d(x), labels, { margin: 1 }));
  assert.deepEqual(Array.from(ba.dataSync()), [0, 0, 0, 0, 1, 2, 0, 0]);
  assert.equal(scalar(mean(ba)), 3 / 8);
  assert.equal(scalar(meanNonZero(ba)), 3 / 2);
  assert.equal(scalar(sum(ba)), 3);
  ba.dispose();
});

test('batchAllTripletLoss and tripletMarginLoss (swap) match brute force over all triplets', () => {
  const ts = allTriplets(LABELS);
  for (const name of NAMES) {
    const got = values(tf.tidy(() => batchAllTripletLoss(tf.tensor2d(X), LABELS, { margin: 0.5, distance: name })));
    assert.equal(got.length, ts.length);
    ts.forEach((t, i) => assertClose(got[i], Math.max(dist(X[t.a], X[t.p], name) - dist(X[t.a], X[t.n], name) + 0.5, 0), 1e-4, `${name} ${i}`));
  }
  const idx = allTripletIndices(Int32Array.from(LABELS));
  const swapped = values(tf.tidy(() => tripletMarginLoss(tf.tensor2d(X), LABELS, idx, { margin: 0.5, swap: true })));
  ts.forEach((t, i) => {
    const dan = Math.min(dist(X[t.a], X[t.n]), dist(X[t.p], X[t.n]));
    assertClose(swapped[i], Math.max(dist(X[t.a], X[t.p]) - dan + 0.5, 0), 1e-4, `swap ${i}`);
  });
});

test('semiHardTripletLoss follows TF Addons semantics (random batch, brute-force formula)', () => {
  for (const seed of [1, 2, 3]) {
    const x = randomPoints(10, 4, seed);
    const labels = [0, 0, 0, 1, 1, 1, 2, 2, 3, 3];
    const got = scalar(tf.tidy(() => mean(semiHardTripletLoss(tf.tensor2d(x), labels, { margin: 1 }))));
    assertClose(got, bruteSemiHard(x, labels, 1), 1e-4, `seed ${seed}`);
  }
});

test('semiHardTripletLoss hand-computed, including "no negative farther → farthest negative"', () => {
  // points 0, 1 (class 0), 0.5, 3 (class 1); margin 1
  // pair (0,1): dap 1; negatives 0.5, 3; farther than 1: {3} → 1-3+1 = 0 → 0
  // pair (1,0): dap 1; negatives d=0.5, 2; farther: {2} → 1-2+1 = 0
  // pair (2,3): dap 2.5; negatives d=0.5, 0.5; none farther → farthest 0.5 → 2.5-0.5+1 = 3
  // pair (3,2): dap 2.5; negatives d=3, 2; farther: {3} → 2.5-3+1 = 0.5
  const v = values(tf.tidy(() => semiHardTripletLoss(tf.tensor2d([[0], [1], [0.5], [3]]), [0, 0, 1, 1], { margin: 1 })));
  [0, 0, 3, 0.5].forEach((w, i) => assertClose(v[i], w, 1e-5, `pair ${i}`));
});

test('contrastiveLoss: PML form and Hadsell form against brute force', () => {
  for (const [power, pm, nm] of [[1, 0, 1], [2, 0, 1.5], [1, 0.2, 0.8]]) {
    const got = values(tf.tidy(() => contrastiveLoss(tf.tensor2d(X), LABELS, { power, posMargin: pm, negMargin: nm })));
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < LABELS.length; i++) for (let j = 0; j < LABELS.length; j++) {
      if (i === j) continue;
      const d = dist(X[i], X[j]);
      if (LABELS[i] === LABELS[j]) pos.push(Math.max(d - pm, 0) ** power);
      else neg.push(Math.max(nm - d, 0) ** power);
    }
    const want = [...pos, ...neg];
    assert.equal(got.length, want.length);
    got.forEach((g, i) => assertClose(g, want[i], 1e-4, `power ${power} pair ${i}`));
  }
});

test('marginLoss: brute-force values, per-class beta, and beta is trained by an optimizer', () => {
  const idx = allTripletIndices(Int32Array.from(LABELS));
  const beta = createMarginBeta({ initial: 0.9, numClasses: 3 });
  const got = values(tf.tidy(() => marginLoss(tf.tensor2d(X), LABELS, idx, { margin: 0.2, beta })));
  const ts = allTriplets(LABELS);
  const want = [...ts.map((t) => Math.max(dist(X[t.a], X[t.p]) - 0.9 + 0.2, 0)), ...ts.map((t) => Math.max(0.9 - dist(X[t.a], X[t.n]) + 0.2, 0))];
  got.forEach((g, i) => assertClose(g, want[i], 1e-4, `pair ${i}`));
  const scalarBeta = createMarginBeta({ initial: 1.2 });
  const x = tf.tensor2d(X);
  const opt = tf.train.sgd(0.5);
  const before = scalarBeta.dataSync()[0];
  opt.minimize(() => meanNonZero(marginLoss(x, LABELS, idx, { beta: scalarBeta })));
  assert.notEqual(scalarBeta.dataSync()[0], before, 'beta moved');
  assert.throws(() => marginLoss(x, [0, 0, 1, 1, 2, 2, 0, 5], { anchors: new Int32Array(0), positives: new Int32Array(0), negatives: new Int32Array(0) }, { beta }),
    (e: unknown) => e instanceof TripletInputError && /marginLoss/.test(e.message) && /labels/.test(e.message));
  tf.dispose([beta, scalarBeta, x]);
  opt.dispose();
});

test('finite-difference gradients of every reduced loss', () => {
  const labels = [0, 0, 1, 1, 2, 2];
  const x0 = randomPoints(6, 3, 21);
  const coords: [number, number][] = [[0, 0], [1, 2], [2, 1], [5, 0]];
  const idx = allTripletIndices(Int32Array.from(labels));
  const beta = createMarginBeta({ initial: 0.8 });
  const losses: [string, (x: tf.Tensor2D) => tf.Scalar][] = [
    ['batch-hard euclidean', (x) => mean(batchHardTripletLoss(x, labels, { margin: 1 }))],
    ['batch-hard soft cosine', (x) => mean(batchHardTripletLoss(x, labels, { softMargin: true, distance: 'cosine' }))],
    ['batch-all squared', (x) => meanNonZero(batchAllTripletLoss(x, labels, { margin: 1, distance: 'squared-euclidean' }))],
    ['triplet swap', (x) => sum(tripletMarginLoss(x, labels, idx, { margin: 1, swap: true }))],
    ['semi-hard', (x) => mean(semiHardTripletLoss(x, labels, { margin: 1 }))],
    ['contrastive', (x) => mean(contrastiveLoss(x, labels, { power: 2, negMargin: 2 }))],
    ['margin', (x) => meanNonZero(marginLoss(x, labels, idx, { beta, margin: 0.5 }))],
  ];
  for (const [name, fn] of losses) {
    assert.doesNotThrow(() => checkGradient((x) => tf.tidy(() => fn(x)), x0, coords), name);
  }
  beta.dispose();
});

test('batch-hard with tied hardest pairs (duplicate rows): the gradient matches a finite difference', () => {
  // Rows 1 and 2 are the same point, as the P×K sampler makes when a class has fewer than K samples.
  const x0 = [[0, 0], [1, 0], [1, 0], [0.5, 0.5]];
  const labels = [0, 0, 0, 1];
  const lossOf = (rows: number[][] | tf.Tensor2D): tf.Scalar => tf.tidy(() =>
    mean(batchHardTripletLoss(rows instanceof tf.Tensor ? rows : tf.tensor2d(rows), labels, { margin: 0.2, distance: 'squared-euclidean' })));
  const x = tf.tensor2d(x0);
  const g = tf.grad((v: tf.Tensor) => lossOf(v as tf.Tensor2D))(x).arraySync() as number[][];
  x.dispose();
  const h = 1e-3;
  for (const col of [0, 1]) {
    // Moving both copies together is a direction in which the loss is differentiable.
    const shifted = (s: number) => x0.map((r, i) => (i === 1 || i === 2 ? r.map((v, j) => (j === col ? v + s : v)) : r.slice()));
    const numeric = (scalar(lossOf(shifted(h))) - scalar(lossOf(shifted(-h))) ) / (2 * h);
    assertClose(g[1][col] + g[2][col], numeric, 1e-2, `d loss / d (rows 1 and 2, column ${col})`);
  }
  assertClose(g[1][0] + g[2][0], 4 / 3, 1e-3, 'the sum PyTorch gives');
});

test('margins are checked: NaN, negative and non-numbers name the option', () => {
  const x = tf.tensor2d(X);
  const idx = allTripletIndices(Int32Array.from(LABELS));
  const beta = createMarginBeta();
  for (const margin of [Number.NaN, -0.1, '0.2', Infinity] as unknown as number[]) {
    const cases: [string, () => unknown][] = [
      ['batchHardTripletLoss', () => batchHardTripletLoss(x, LABELS, { margin })],
      ['batchAllTripletLoss', () => batchAllTripletLoss(x, LABELS, { margin })],
      ['tripletMarginLoss', () => tripletMarginLoss(x, LABELS, idx, { margin })],
      ['semiHardTripletLoss', () => semiHardTripletLoss(x, LABELS, { margin })],
      ['marginLoss', () => marginLoss(x, LABELS, idx, { beta, margin })],
    ];
    for (const [fn, call] of cases) {
      assert.throws(call, (e: unknown) => e instanceof TripletInputError && e.message.startsWith(`${fn}: argument 'options.margin' is `), `${fn} ${String(margin)}`);
    }
    assert.throws(() => contrastiveLoss(x, LABELS, { negMargin: margin }), /contrastiveLoss: argument 'options.negMargin'/);
  }
  assert.equal(scalar(mean(batchHardTripletLoss(x, LABELS, { margin: 0 }))) >= 0, true);
  tf.dispose([x, beta]);
});

test('duplicate embeddings: no NaN loss or gradient', () => {
  const x = tf.tensor2d([[1, 1], [1, 1], [1, 1], [1, 1]]);
  const labels = [0, 0, 1, 1];
  const idx = allTripletIndices(Int32Array.from(labels));
  const fns: ((v: tf.Tensor2D) => tf.Scalar)[] = [
    (v) => mean(batchHardTripletLoss(v, labels)),
    (v) => mean(batchAllTripletLoss(v, labels)),
    (v) => mean(semiHardTripletLoss(v, labels)),
    (v) => mean(contrastiveLoss(v, labels)),
    (v) => mean(tripletMarginLoss(v, labels, idx, { swap: true })),
    (v) => mean(batchHardTripletLoss(v, labels, { distance: 'cosine', normalize: true })),
  ];
  for (const fn of fns) {
    const { value, grad } = tf.valueAndGrad((v: tf.Tensor) => fn(v as tf.Tensor2D))(x);
    assert.ok(Number.isFinite(value.dataSync()[0]));
    assert.ok(grad.dataSync().every(Number.isFinite), String(grad.dataSync()));
    tf.dispose([value, grad]);
  }
  x.dispose();
});

test('a batch without valid triplets (one class) gives 0 loss and a finite gradient', () => {
  const x = tf.tensor2d(randomPoints(4, 2, 5));
  const labels = [3, 3, 3, 3];
  const fns: ((v: tf.Tensor2D) => tf.Scalar)[] = [
    (v) => mean(batchHardTripletLoss(v, labels)),
    (v) => meanNonZero(batchAllTripletLoss(v, labels)),
    (v) => mean(semiHardTripletLoss(v, labels)),
  ];
  for (const fn of fns) {
    const { value, grad } = tf.valueAndGrad((v: tf.Tensor) => fn(v as tf.Tensor2D))(x);
    assert.equal(value.dataSync()[0], 0);
    assert.ok(grad.dataSync().every((g) => g === 0));
    tf.dispose([value, grad]);
  }
  x.dispose();
});

test('bad inputs throw TripletInputError naming the argument and the function', () => {
  const x = tf.tensor2d(X);
  const cases: [() => unknown, RegExp][] = [
    [() => batchHardTripletLoss(x, [0, 1]), /batchHardTripletLoss: argument 'labels' has 2 entries but the embeddings have 8 rows/],
    [() => batchHardTripletLoss(x, [0, 1, 2, 3, 4, 5, 6, 7]), /batchHardTripletLoss: argument 'labels' has a single sample per class/],
    [() => semiHardTripletLoss(x, [0, 0, 1, 1, 2, 2, 0, 1.5]), /semiHardTripletLoss: argument 'labels' entry 7/],
    [() => batchAllTripletLoss(tf.tensor2d([], [0, 3]), []), /batchAllTripletLoss: argument 'embeddings' is an empty batch/],
    [() => contrastiveLoss(tf.tensor2d([[NaN, 0], [0, 0]]), [0, 0]), /contrastiveLoss: argument 'embeddings' contains NaN/],
    [() => batchHardTripletLoss(tf.tensor1d([1, 2]) as unknown as tf.Tensor2D, [0, 0]), /argument 'embeddings' must have rank 2/],
    [() => tripletMarginLoss(x, LABELS, { anchors: Int32Array.from([0]), positives: Int32Array.from([2]), negatives: Int32Array.from([3]) }),
      /tripletMarginLoss: argument 'triplets' triplet 0 \(0, 2, 3\) is not valid/],
    [() => tripletMarginLoss(x, LABELS, { anchors: Int32Array.from([0]), positives: Int32Array.from([9]), negatives: Int32Array.from([3]) }),
      /argument 'triplets.positives' entry 0 is 9, outside the batch/],
  ];
  for (const [fn, re] of cases) assert.throws(fn, (e: unknown) => e instanceof TripletInputError && re.test(e.message), String(re));
  x.dispose();
});

test('no tensor leak from any loss', () => {
  const x = tf.tensor2d(X);
  const idx = allTripletIndices(Int32Array.from(LABELS));
  const beta = createMarginBeta();
  const before = tf.memory().numTensors;
  for (const t of [
    batchHardTripletLoss(x, LABELS), batchAllTripletLoss(x, LABELS), semiHardTripletLoss(x, LABELS),
    contrastiveLoss(x, LABELS, { power: 2 }), tripletMarginLoss(x, LABELS, idx, { swap: true }), marginLoss(x, LABELS, idx, { beta }),
  ]) {
    const r = mean(t);
    t.dispose();
    r.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, beta]);
});
