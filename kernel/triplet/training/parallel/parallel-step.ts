import * as tf from '@tensorflow/tfjs';
import { batchLoss, type LossInput, type StepResult } from '../train-step';
import { CONTROL, setState, State } from './shared-step';
import type { WorkerPool } from './worker-pool';

export interface ParallelStepInput extends LossInput {
  pool: WorkerPool;
  rows: Int32Array;
  optimizer: tf.Optimizer;
  /** The model's trainable variables, in the order the workers' replicas list them. */
  varList: tf.Variable[];
}

/**
 * One optimizer step with the batch split over the pool's workers (data parallelism): each worker
 * runs the forward pass of its shard; this thread computes the loss of the WHOLE batch with
 * `batchLoss` (triplets are mined across shards, exactly as on one thread) and its gradient with
 * respect to the embeddings; each worker back-propagates its part of that gradient; the weight
 * gradients are summed and applied here. Same maths as `trainStep`, up to float summation order.
 */
export function parallelStep(s: ParallelStepInput): StepResult {
  const { pool } = s;
  const weights = pool.weights!;
  let at = 0;
  for (const v of s.varList) {
    weights.set(v.dataSync() as Float32Array, at);
    at += v.size;
  }
  const n = s.rows.length;
  const shards = pool.shards;
  const bounds = shards.map((_, i) => Math.round((i * n) / shards.length)).concat(n);
  shards.forEach((sh, i) => {
    const part = s.rows.subarray(bounds[i], bounds[i + 1]);
    new Int32Array(sh.buffers.rows).set(part);
    sh.control[CONTROL.rows] = part.length;
    setState(sh.control, State.step);
  });
  const dims = pool.embeddingSize;
  const embeddings = new Float32Array(n * dims);
  shards.forEach((sh, i) => {
    pool.wait(sh, State.embedded, 'embedding its shard');
    embeddings.set(new Float32Array(sh.buffers.embeddings, 0, (bounds[i + 1] - bounds[i]) * dims), bounds[i] * dims);
  });
  let result: ReturnType<typeof batchLoss> | undefined;
  let upstream: Float32Array;
  let loss = 0;
  try {
    const leaf = tf.tensor2d(embeddings, [n, dims]);
    const { value, grad } = tf.valueAndGrad((e: tf.Tensor) => {
      result = batchLoss(e as tf.Tensor2D, s);
      return result.loss;
    })(leaf);
    upstream = grad.dataSync() as Float32Array;
    loss = value.dataSync()[0];
    tf.dispose([leaf, grad, value]);
  } catch (err) {
    // Release the workers, which wait inside their tapes, before reporting the error.
    upstream = new Float32Array(n * dims);
    release(s, bounds, dims, upstream);
    throw err;
  }
  const summed = release(s, bounds, dims, upstream);
  const named: tf.NamedTensorMap = {};
  at = 0;
  for (const v of s.varList) {
    named[v.name] = tf.tensor(summed.subarray(at, at + v.size), v.shape);
    at += v.size;
  }
  s.optimizer.applyGradients(named);
  tf.dispose(Object.values(named));
  if (s.memory) s.memory.enqueue(result!.values!, s.labels);
  return { loss, stats: result!.stats, count: result!.count };
}

/** Hands each worker its part of dL/d(embeddings), waits for the weight gradients, sums them. */
function release(s: ParallelStepInput, bounds: number[], dims: number, upstream: Float32Array): Float32Array {
  const shards = s.pool.shards;
  shards.forEach((sh, i) => {
    new Float32Array(sh.buffers.gradOut).set(upstream.subarray(bounds[i] * dims, bounds[i + 1] * dims));
    setState(sh.control, State.backward);
  });
  let summed: Float32Array | undefined;
  for (const sh of shards) {
    s.pool.wait(sh, State.done, 'back-propagating its shard');
    const g = new Float32Array(sh.buffers.grads);
    if (!summed) summed = g.slice();
    else for (let i = 0; i < g.length; i++) summed[i] += g[i];
    setState(sh.control, State.idle);
  }
  return summed!;
}
