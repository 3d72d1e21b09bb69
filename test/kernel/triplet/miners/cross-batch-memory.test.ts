import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { batchHardMiner, crossBatchMemory, hardMiner } from '../../../../kernel/triplet/miners';
import { tripletMarginLoss } from '../../../../kernel/triplet/losses';
import { TripletInputError } from '../../../../kernel/triplet/validation';
import { dist, minedKeys, randomPoints, useCpu } from '../brute-force';

before(useCpu);

const DIMS = 3;

test('the memory is a queue of the last `size` embeddings and labels', () => {
  const m = crossBatchMemory({ size: 5 });
  m.enqueue(tf.tensor2d([[1, 0, 0], [2, 0, 0], [3, 0, 0]]), [1, 2, 3]);
  m.enqueue({ x: Float32Array.from([4, 0, 0, 5, 0, 0, 6, 0, 0]), n: 3, dims: DIMS }, [4, 5, 6]);
  const c = m.contents();
  assert.equal(m.filled, 5);
  assert.deepEqual(Array.from(c.labels), [2, 3, 4, 5, 6], 'oldest first; the first entry left');
  assert.deepEqual(Array.from(c.x).filter((_, i) => i % DIMS === 0), [2, 3, 4, 5, 6]);
  assert.throws(() => m.enqueue(tf.tensor2d([[1, 2]]), [0]), (e: unknown) => e instanceof TripletInputError && /have 2 columns but the memory holds 3/.test(e.message));
  assert.throws(() => crossBatchMemory({ size: 0 }), /crossBatchMemory: argument 'size' is 0/);
});

test('mining batch anchors against batch + memory matches brute force (batch-hard and hard)', () => {
  const memory = crossBatchMemory({ size: 12 });
  const pastLabels = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5];
  const past = randomPoints(pastLabels.length, DIMS, 4);
  memory.enqueue(tf.tensor2d(past), pastLabels);
  const labels = [0, 0, 1, 1, 6, 6];
  const batch = randomPoints(labels.length, DIMS, 5);
  const all = [...batch, ...past];
  const allLabels = [...labels, ...pastLabels];
  const emb = tf.tensor2d(batch);
  const joined = memory.join(emb, labels);
  assert.deepEqual(Array.from(joined.labels), allLabels);

  const hard = memory.keepBatchAnchors(batchHardMiner(joined.embeddings, joined.labels), joined.batch);
  const want: string[] = [];
  labels.forEach((l, a) => {
    const d = (j: number) => dist(all[a], all[j]);
    const pos = allLabels.map((_, j) => j).filter((j) => j !== a && allLabels[j] === l);
    const neg = allLabels.map((_, j) => j).filter((j) => allLabels[j] !== l);
    const p = pos.reduce((b, j) => (d(j) > d(b) ? j : b));
    const q = neg.reduce((b, j) => (d(j) < d(b) ? j : b));
    want.push(`${a},${p},${q}`);
  });
  assert.deepEqual(minedKeys(hard), want.sort());
  // Class 6 exists only in the batch; classes 0 and 1 find negatives (and positives) in the memory.
  assert.ok(Array.from(hard.negatives.dataSync()).some((q) => q >= labels.length), 'negatives come from the memory');

  const margin = 0.3;
  const hm = memory.keepBatchAnchors(hardMiner(joined.embeddings, joined.labels, { margin }), joined.batch);
  const wantHard: string[] = [];
  labels.forEach((l, a) => {
    allLabels.forEach((lp, p) => {
      if (p === a || lp !== l) return;
      allLabels.forEach((ln, q) => {
        if (ln !== l && dist(all[a], all[q]) - dist(all[a], all[p]) <= 0) wantHard.push(`${a},${p},${q}`);
      });
    });
  });
  assert.deepEqual(minedKeys(hm), wantHard.sort());

  // The loss on the joined rows trains the batch only: the memory rows get no gradient.
  const g = tf.grad((v: tf.Tensor) => {
    const j = memory.join(v as tf.Tensor2D, labels);
    return tf.sum(tripletMarginLoss(j.embeddings, j.labels, hard, { margin }));
  })(emb);
  assert.equal(g.shape[0], labels.length);
  assert.ok(g.dataSync().some((v) => v !== 0));
  tf.dispose([emb, joined.embeddings, g, hard.anchors, hard.positives, hard.negatives, hm.anchors, hm.positives, hm.negatives]);
});

test('an empty memory joins to the batch alone', () => {
  const memory = crossBatchMemory({ size: 4 });
  const emb = tf.tensor2d(randomPoints(4, DIMS, 1));
  const j = memory.join(emb, [0, 0, 1, 1]);
  assert.equal(j.embeddings, emb);
  assert.equal(j.batch, 4);
  emb.dispose();
});
