import * as tf from '@tensorflow/tfjs';
import type { ResolvedConfig } from '../config/types';
import { l2Normalize } from '../distances';
import { tripletMarginLoss } from '../losses/triplet-margin-loss';
import type { CrossBatchMemory } from '../miners/cross-batch-memory';
import type { TripletStats } from '../miners/types';
import { getReducer, type ReducerName } from '../reducers/get-reducer';

export interface StepInput {
  /** The model's forward pass (training mode). */
  forward: (x: tf.Tensor2D) => tf.Tensor;
  /** All training rows; the step takes `rows` of them. */
  x: tf.Tensor2D;
  rows: Int32Array;
  /** The class of each of `rows`. */
  labels: Int32Array;
  /** Margin, miner, distance and normalisation for this step. */
  cfg: ResolvedConfig;
  reducer: ReducerName;
  optimizer: tf.Optimizer;
  /** Variables to update (default: every trainable variable the loss reaches). */
  varList?: tf.Variable[];
  /** Seed for random miners. */
  seed: number;
  /** Cross-batch memory: mining and loss also see its stored embeddings; the batch joins it after the step. */
  memory?: CrossBatchMemory;
}

export interface StepResult {
  loss: number;
  stats: TripletStats;
  /** Triplets the miner returned (the loss's terms). */
  count: number;
}

/**
 * One optimizer step on one batch, on the library's own loss: the miner sees a detached copy of
 * the embeddings (its indices carry no gradient, as in PML where mining runs under no_grad), then
 * `tripletMarginLoss` of the mined triplets, reduced by the named reducer, is minimised.
 */
export function trainStep(s: StepInput): StepResult {
  const { cfg } = s;
  let stats: TripletStats | undefined;
  let count = 0;
  let batchValues: { x: Float32Array; n: number; dims: number } | undefined;
  const reduce = getReducer(s.reducer);
  const xb = tf.tidy(() => tf.gather(s.x, tf.tensor1d(s.rows, 'int32')));
  try {
    const lossTensor = s.optimizer.minimize(() => {
      let emb = tf.reshape(s.forward(xb), [s.rows.length, -1]) as tf.Tensor2D;
      if (cfg.normalize) emb = l2Normalize(emb);
      const joined = s.memory ? s.memory.join(emb, s.labels) : { embeddings: emb, labels: s.labels, batch: s.rows.length };
      const values = joined.embeddings.dataSync() as Float32Array;
      batchValues = { x: values.slice(0, emb.size), n: emb.shape[0], dims: emb.shape[1] };
      const detached = tf.tensor2d(values, joined.embeddings.shape);
      let mined = cfg.miner(detached, joined.labels, { margin: cfg.margin, distance: cfg.distance, normalize: false, seed: s.seed });
      if (s.memory) mined = s.memory.keepBatchAnchors(mined, joined.batch);
      stats = mined.stats;
      count = mined.anchors.shape[0];
      const perTriplet = tripletMarginLoss(joined.embeddings, joined.labels, mined, {
        margin: cfg.margin, distance: cfg.distance, softMargin: cfg.softMargin, normalize: false,
      }, 'triplet.fit');
      // A batch with no mined triplet must still be a function of the weights (zero gradient),
      // or minimize() refuses it; the loss value stays the reducer's 0.
      return tf.add(reduce(perTriplet), tf.mul(tf.sum(emb), 0)) as tf.Scalar;
    }, true, s.varList);
    const loss = (lossTensor as tf.Scalar).dataSync()[0];
    lossTensor!.dispose();
    if (s.memory && batchValues) s.memory.enqueue(batchValues, s.labels);
    return { loss, stats: stats!, count };
  } finally {
    xb.dispose();
  }
}
