import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ready } from '../../../../kernel/triplet/backend';
import { createRandom } from '../../../../kernel/triplet/samplers/random';
import {
  chunkedKnn,
  meanAveragePrecisionAtR,
  precisionAtOne,
  rPrecision,
  recallAtK,
  retrievalMetrics,
  retrievalMetricsAsync,
  RetrievalStoppedError,
  type RankedRelevance,
} from '../../../../kernel/triplet/metrics';
import { blockDistances, referenceOperands } from '../../../../kernel/triplet/metrics/block-distances';
import { stop } from '../../../../kernel/triplet/training/stop';
import { TripletInputError } from '../../../../kernel/triplet/validation/errors';

before(async () => {
  await ready();
});

function close(actual: number, expected: number, tol = 1e-9, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what} expected ${expected}, got ${actual}`);
}

function randomPoints(n: number, dims: number, classes: number, seed: number): { rows: number[][]; labels: number[] } {
  const rnd = createRandom(seed).next;
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = Math.floor(rnd() * classes);
    labels.push(label);
    rows.push(Array.from({ length: dims }, (_, d) => rnd() * 2 - 1 + (d === label % dims ? 0.8 : 0)));
  }
  return { rows, labels };
}

function distance64(a: number[], b: number[], kind: 'euclidean' | 'squared-euclidean' | 'cosine'): number {
  if (kind === 'cosine') {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let d = 0; d < a.length; d++) {
      dot += a[d] * b[d];
      na += a[d] * a[d];
      nb += b[d] * b[d];
    }
    return 1 - dot / Math.sqrt(na * nb);
  }
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d] - b[d]) ** 2;
  return kind === 'euclidean' ? Math.sqrt(s) : s;
}

/** Straight from the definitions (Musgrave et al. 2020; PML AccuracyCalculator), full sort per query. */
function bruteForce(
  q: number[][], ql: number[], r: number[][], rl: number[], leaveOneOut: boolean, ks: number[],
  kind: 'euclidean' | 'squared-euclidean' | 'cosine',
) {
  let p1 = 0;
  let rp = 0;
  let map = 0;
  let counted = 0;
  const recall = ks.map(() => 0);
  for (let i = 0; i < q.length; i++) {
    const order = r.map((_, j) => j).filter((j) => !(leaveOneOut && j === i));
    const d = r.map((row) => distance64(q[i], row, kind));
    order.sort((a, b) => d[a] - d[b] || a - b);
    const rel = order.map((j) => rl[j] === ql[i]);
    const R = rel.filter(Boolean).length;
    if (R === 0) continue;
    counted++;
    p1 += rel[0] ? 1 : 0;
    rp += rel.slice(0, R).filter(Boolean).length / R;
    let ap = 0;
    for (let t = 0; t < R; t++) if (rel[t]) ap += rel.slice(0, t + 1).filter(Boolean).length / (t + 1);
    map += ap / R;
    ks.forEach((K, s) => (recall[s] += rel.slice(0, K).some(Boolean) ? 1 : 0));
  }
  return { precisionAtOne: p1 / counted, rPrecision: rp / counted, mapAtR: map / counted, recall: recall.map((x) => x / counted), counted };
}

test('metric definitions on hand-written rankings', () => {
  // q0: R=2, hits at ranks 2 and 3 → R-precision 1/2, AP@R = (1/2)(1/2) = 0.25.
  // q1: R=3, hits at ranks 1 and 3 → R-precision 2/3, AP@R = (1/3)(1/1 + 2/3) = 5/9.
  // q2: R=0 (lone label) → left out of every average.
  const r: RankedRelevance = { relevant: Uint8Array.from([0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0]), k: 4, matches: Int32Array.from([2, 3, 0]) };
  close(precisionAtOne(r), 0.5);
  close(rPrecision(r), (1 / 2 + 2 / 3) / 2);
  close(meanAveragePrecisionAtR(r), (0.25 + 5 / 9) / 2);
  close(recallAtK(r, 1), 0.5);
  close(recallAtK(r, 2), 1);
});

// Six points on a line, leave-one-out, euclidean. Rankings written out by hand (ties → smaller index):
//   q0 (0,A):   1A 2B 3A …  → P@1 1, top-R=2 hits 1 → RP 1/2, AP@R 1/2
//   q1 (1,A):   0A(1) 2B(1 tie) … → 1, 1/2, 1/2
//   q2 (2,B):   1A 3A 0A 4B 5B → 0, 0, 0
//   q3 (3.5,A): 2B 4B(tie 1.5) 1A 5B(tie 2.5) 0A → 0, 0, 0
//   q4 (5,B):   5B 3A 2B → 1, 1/2, 1/2
//   q5 (6,B):   4B 3A 2B → 1, 1/2, 1/2
const LINE = { rows: [[0], [1], [2], [3.5], [5], [6]], labels: [0, 0, 1, 0, 1, 1] };

test('retrievalMetrics matches a hand-computed leave-one-out example with ties', () => {
  const m = retrievalMetrics(LINE.rows, LINE.labels, { k: [1, 2, 3] });
  close(m.precisionAtOne, 4 / 6, 1e-12, 'P@1');
  close(m.rPrecision, 2 / 6, 1e-12, 'R-precision');
  close(m.mapAtR, 2 / 6, 1e-12, 'MAP@R');
  close(m.recallAtK[1], 4 / 6, 1e-12, 'R@1');
  close(m.recallAtK[2], 4 / 6, 1e-12, 'R@2');
  close(m.recallAtK[3], 5 / 6, 1e-12, 'R@3');
  assert.equal(m.queries, 6);
});

test('leave-one-out never returns a point as its own neighbour', () => {
  const x = { data: Float32Array.from(LINE.rows.flat()), n: 6, dims: 1 };
  const knn = chunkedKnn(x, x, { k: 10, excludeSelf: true });
  assert.equal(knn.k, 5);
  for (let i = 0; i < 6; i++) {
    const row = Array.from(knn.indices.subarray(i * 5, i * 5 + 5));
    assert.ok(!row.includes(i), `row ${i}: ${row}`);
    assert.deepEqual([...row].sort(), [0, 1, 2, 3, 4, 5].filter((j) => j !== i));
  }
  // Without leave-one-out every point is trivially its own nearest neighbour.
  const all = retrievalMetrics(LINE.rows, LINE.labels, { leaveOneOut: false, reference: { embeddings: LINE.rows, labels: LINE.labels } });
  assert.equal(all.precisionAtOne, 1);
});

test('queries whose label has no reference are left out, as PML does', () => {
  const m = retrievalMetrics([[0], [1], [10]], [0, 0, 7], { k: 1 });
  assert.equal(m.queries, 2);
  assert.equal(m.precisionAtOne, 1);
  assert.equal(m.mapAtR, 1);
});

for (const kind of ['euclidean', 'squared-euclidean', 'cosine'] as const) {
  test(`retrievalMetrics equals a brute-force reference on random data (${kind})`, () => {
    const { rows, labels } = randomPoints(150, 6, 5, kind.length);
    const ks = [1, 4, 16];
    const got = retrievalMetrics(rows, labels, { k: ks, distance: kind });
    const want = bruteForce(rows, labels, rows, labels, true, ks, kind);
    close(got.precisionAtOne, want.precisionAtOne, 1e-9, 'P@1');
    close(got.rPrecision, want.rPrecision, 1e-9, 'RP');
    close(got.mapAtR, want.mapAtR, 1e-9, 'MAP@R');
    ks.forEach((K, s) => close(got.recallAtK[K], want.recall[s], 1e-9, `R@${K}`));
  });
}

test('separate query and reference sets equal brute force', () => {
  const q = randomPoints(60, 5, 4, 11);
  const r = randomPoints(90, 5, 4, 12);
  const got = retrievalMetrics(tf.tensor2d(q.rows), q.labels, { reference: { embeddings: r.rows, labels: Int32Array.from(r.labels) }, k: [1, 3] });
  const want = bruteForce(q.rows, q.labels, r.rows, r.labels, false, [1, 3], 'euclidean');
  close(got.mapAtR, want.mapAtR, 1e-9, 'MAP@R');
  close(got.precisionAtOne, want.precisionAtOne, 1e-9, 'P@1');
  close(got.recallAtK[3], want.recall[1], 1e-9, 'R@3');
});

test('chunkedKnn gives the same neighbours block by block as in one block', () => {
  const { rows } = randomPoints(120, 4, 3, 5);
  const x = { data: Float32Array.from(rows.flat()), n: 120, dims: 4 };
  const one = chunkedKnn(x, x, { k: 7, excludeSelf: true });
  const many = chunkedKnn(x, x, { k: 7, excludeSelf: true, blockFloats: 500 });
  assert.deepEqual(many.indices, one.indices);
  for (let i = 0; i < 120; i++) {
    const d = rows.map((row) => distance64(rows[i], row, 'euclidean'));
    const want = rows.map((_, j) => j).filter((j) => j !== i).sort((a, b) => d[a] - d[b] || a - b).slice(0, 7);
    assert.deepEqual(Array.from(many.indices.subarray(i * 7, i * 7 + 7)), want, `row ${i}`);
  }
});

test('chunkedKnn with many tied and duplicate points ranks by distance, then by index, for every distance', () => {
  // Points on a small integer grid: many exactly equal distances and duplicate rows.
  const rnd = createRandom(77).next;
  const rows = Array.from({ length: 150 }, () => Array.from({ length: 3 }, () => Math.floor(rnd() * 3)));
  const x = { data: Float32Array.from(rows.flat()), n: 150, dims: 3 };
  for (const kind of ['euclidean', 'squared-euclidean', 'cosine'] as const) {
    // Tie-breaking is judged on the float32 distances the block product gives.
    const ref = referenceOperands(x.data, 150, 3, kind);
    const full = blockDistances(x.data, 150, 3, ref, kind);
    ref.refT.dispose();
    const got = chunkedKnn(x, x, { k: 9, excludeSelf: true, distance: kind, blockFloats: 1000 });
    for (let i = 0; i < 150; i++) {
      const key = (j: number) => Math.max(full[i * 150 + j], 0);
      const want = rows.map((_, j) => j).filter((j) => j !== i).sort((a, b) => key(a) - key(b) || a - b).slice(0, 9);
      assert.deepEqual(Array.from(got.indices.subarray(i * 9, i * 9 + 9)), want, `${kind} row ${i}`);
      for (let t = 0; t < 9; t++) assert.ok(Object.is(got.distances[i * 9 + t], full[i * 150 + want[t]]), `${kind} distance bits, row ${i}`);
    }
  }
});

test('retrievalMetricsAsync gives the figures of retrievalMetrics, reports progress, and stops on request', async () => {
  const q = randomPoints(300, 6, 12, 31);
  const x = { x: Float32Array.from(q.rows.flat()), n: 300, dims: 6 };
  const want = retrievalMetrics(x, q.labels, { k: [1, 4] });
  const seen: number[] = [];
  const got = await retrievalMetricsAsync(x, q.labels, { k: [1, 4], blockFloats: 3000, sliceMs: 0, onProgress: (p) => seen.push(p.done) });
  assert.deepEqual(got, want);
  assert.equal(seen.at(-1), 300, 'the last report covers every query');
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(retrievalMetricsAsync(x, q.labels, { blockFloats: 3000, signal: aborted.signal }), RetrievalStoppedError);
  const running = retrievalMetricsAsync(x, q.labels, { blockFloats: 3000, sliceMs: 0 });
  stop();
  await assert.rejects(running, /stopped after \d+ of 300 queries/);
});

test('retrievalMetrics leaves no tensors behind', () => {
  const data = randomPoints(50, 3, 3, 9);
  const x = tf.tensor2d(data.rows);
  const labels = tf.tensor1d(data.labels, 'int32');
  const beforeCount = tf.memory().numTensors;
  retrievalMetrics(x, labels, { distance: 'cosine' });
  assert.equal(tf.memory().numTensors, beforeCount);
  tf.dispose([x, labels]);
});

test('retrievalMetrics errors name the argument, the function and the fix', () => {
  const expectInput = (fn: () => unknown, argument: string, pattern: RegExp) =>
    assert.throws(fn, (e: unknown) => {
      assert.ok(e instanceof TripletInputError, String(e));
      assert.equal((e as TripletInputError).argument, argument);
      assert.match((e as Error).message, /retrievalMetrics/);
      assert.match((e as Error).message, pattern);
      return true;
    });
  expectInput(() => retrievalMetrics([[0], [1]], [0]), 'labels', /1 entries but the embeddings have 2 rows/);
  expectInput(() => retrievalMetrics([[0], [NaN]], [0, 0]), 'embeddings', /NaN at row 1/);
  expectInput(() => retrievalMetrics([], []), 'embeddings', /empty/);
  expectInput(() => retrievalMetrics([[0], [1]], [0, 0], { k: [0] }), 'options.k', /positive integers/);
  expectInput(() => retrievalMetrics([[0], [1]], [0, 0], { distance: 'manhattan' as never }), 'options.distance', /euclidean/);
  expectInput(
    () => retrievalMetrics([[0], [1]], [0, 0], { leaveOneOut: true, reference: { embeddings: [[0]], labels: [0] } }),
    'options.leaveOneOut', /differ in number/,
  );
});

test("embed()'s { data, n, dims } is accepted wherever embeddings are, with the same figures as the tensor", () => {
  const rows = [[0, 0], [0.1, 0], [1, 1], [1, 0.9], [0, 1]];
  const labels = [0, 0, 1, 1, 2];
  const fromTensor = retrievalMetrics(tf.tensor2d(rows), labels);
  const fromEmbed = retrievalMetrics({ data: Float32Array.from(rows.flat()), n: 5, dims: 2 }, labels);
  assert.deepEqual(fromEmbed, fromTensor);
  assert.throws(() => retrievalMetrics({ data: new Float32Array(3), n: 5, dims: 2 }, labels), /data\.length 3 but n × dims = 5 × 2/);
});
