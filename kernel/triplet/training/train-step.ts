import * as tf from '@tensorflow/tfjs';
import type { ResolvedConfig } from '../config/types';
import { l2Normalize } from '../distances';
import { tripletMarginLoss } from '../losses/triplet-margin-loss';
import type { CrossBatchMemory } from '../miners/cross-batch-memory';
import type { TripletStats } from '../miners/types';
import { getReducer, type ReducerName } from '../reducers/get-reducer';

export interface StepInput extends LossInput {
  /** The model's forward pass (training mode). */
  forward: (x: tf.Tensor2D) => tf.Tensor;
  /** All training rows; the step takes `rows` of them (`labels` holds their classes). */
  x: tf.Tensor2D;
  rows: Int32Array;
  optimizer: tf.Optimizer;
  /** Variables to update (default: every trainable variable the loss reaches). */
  varList?: tf.Variable[];
}

export interface StepResult {
  loss: number;
  stats: TripletStats;
  /** Triplets the miner returned (the loss's terms). */
  count: number;
}

export interface LossInput {
  /** The class of each row of the batch. */
  labels: Int32Array;
  /** Margin, miner, distance and normalisation for this step. */
  cfg: ResolvedConfig;
  reducer: ReducerName;
  /** Seed for random miners. */
  seed: number;
  /** Cross-batch memory: mining and loss also see its stored embeddings; the batch joins it after the step. */
  memory?: CrossBatchMemory;
}

export interface BatchLoss {
  /** The reduced loss, differentiable with respect to the raw embeddings. */
  loss: tf.Scalar;
  stats: TripletStats;
  count: number;
  /** The batch's (normalised) embeddings, for the cross-batch memory (only when there is one). */
  values?: { x: Float32Array; n: number; dims: number };
}

/**
 * The loss of one batch of raw model outputs, on the library's own loss: normalised if configured,
 * joined with the cross-batch memory, mined on a detached copy (its indices carry no gradient, as in
 * PML where mining runs under no_grad), then `tripletMarginLoss` of the mined triplets, reduced by
 * the named reducer. Every training path (one thread or several) computes its loss here.
 */
export function batchLoss(raw: tf.Tensor2D, s: LossInput): BatchLoss {
  const { cfg } = s;
  const emb = cfg.normalize ? l2Normalize(raw) : raw;
  const joined = s.memory ? s.memory.join(emb, s.labels) : { embeddings: emb, labels: s.labels, batch: emb.shape[0] };
  const all = joined.embeddings.dataSync() as Float32Array;
  const detached = tf.tensor2d(all, joined.embeddings.shape);
  let mined = cfg.miner(detached, joined.labels, { margin: cfg.margin, distance: cfg.distance, normalize: false, seed: s.seed });
  if (s.memory) mined = s.memory.keepBatchAnchors(mined, joined.batch);
  const perTriplet = tripletMarginLoss(joined.embeddings, joined.labels, mined, {
    margin: cfg.margin, distance: cfg.distance, softMargin: cfg.softMargin, normalize: false,
  }, 'triplet.fit');
  // A batch with no mined triplet must still be a function of the embeddings (zero gradient),
  // or gradients refuse it; the loss value stays the reducer's 0.
  const loss = tf.add(getReducer(s.reducer)(perTriplet), tf.mul(tf.sum(raw), 0)) as tf.Scalar;
  return { loss, stats: mined.stats, count: mined.anchors.shape[0], values: s.memory ? { x: all.slice(0, emb.size), n: emb.shape[0], dims: emb.shape[1] } : undefined };
}

/** One optimizer step on one batch, on this thread: forward pass, then `batchLoss`, minimised. */
export function trainStep(s: StepInput): StepResult {
  let result: BatchLoss | undefined;
  const xb = tf.tidy(() => tf.gather(s.x, tf.tensor1d(s.rows, 'int32')));
  try {
    const lossTensor = s.optimizer.minimize(() => {
      const raw = tf.reshape(s.forward(xb), [s.rows.length, -1]) as tf.Tensor2D;
      result = batchLoss(raw, s);
      return result.loss;
    }, true, s.varList);
    const loss = (lossTensor as tf.Scalar).dataSync()[0];
    lossTensor!.dispose();
    if (s.memory) s.memory.enqueue(result!.values!, s.labels);
    return { loss, stats: result!.stats, count: result!.count };
  } finally {
    xb.dispose();
  }
}
