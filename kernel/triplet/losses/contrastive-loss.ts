import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../distances/gather-rows';
import type { LabelsLike } from '../miners/types';
import type { DistanceOptions } from '../distances';
import { checkMargin, TripletInputError } from '../validation';
import { batchDistances, prepareBatch } from './prepare';

export interface ContrastiveLossOptions extends DistanceOptions {
  /** Positive pairs cost nothing below this distance (default 0). */
  posMargin?: number;
  /** Negative pairs cost nothing beyond this distance (default 1). */
  negMargin?: number;
  /** Exponent of each hinge (default 1). 2 with posMargin 0 is Hadsell et al. 2006: d², max(m − d, 0)². */
  power?: number;
}

/**
 * Contrastive loss in pytorch-metric-learning's form: positive pairs (d − posMargin)₊^power,
 * negative pairs (negMargin − d)₊^power, over every ordered pair (i, j), i ≠ j, of the batch.
 * Returns the positive-pair values followed by the negative-pair values; PML reduces them with
 * `meanNonZero`.
 */
export function contrastiveLoss(embeddings: tf.Tensor2D, labels: LabelsLike, options: ContrastiveLossOptions = {}): tf.Tensor1D {
  const fn = 'contrastiveLoss';
  const ids = prepareBatch(embeddings, labels, fn);
  const power = options.power ?? 1;
  if (!(power > 0)) {
    throw new TripletInputError('options.power', fn, `is ${power}`, 'Use a positive exponent, e.g. 1 or 2.');
  }
  const posMargin = checkMargin(options.posMargin, 0, fn, 'options.posMargin');
  const negMargin = checkMargin(options.negMargin, 1, fn, 'options.negMargin');
  const n = ids.length;
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      (ids[i] === ids[j] ? pos : neg).push(i * n + j);
    }
  }
  return tf.tidy(() => {
    const d = tf.reshape(batchDistances(embeddings, options), [-1]) as tf.Tensor1D;
    const dp = gatherRows(d, tf.tensor1d(pos, 'int32'));
    const dn = gatherRows(d, tf.tensor1d(neg, 'int32'));
    const hp = tf.relu(tf.sub(dp, posMargin));
    const hn = tf.relu(tf.sub(negMargin, dn));
    const raise = (h: tf.Tensor): tf.Tensor => (power === 1 ? h : tf.pow(h, power));
    return tf.concat([raise(hp), raise(hn)]) as tf.Tensor1D;
  });
}
