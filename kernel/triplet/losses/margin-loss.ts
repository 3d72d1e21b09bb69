import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../distances/gather-rows';
import type { LabelsLike, TripletIndices } from '../miners/types';
import type { DistanceOptions } from '../distances';
import { assertMinedTriplets, TripletIndexTensors } from '../miners/assert-mined-triplets';
import { gatherPairs } from '../distances/gather-pairs';
import { checkMargin, TripletInputError } from '../validation';
import { batchDistances, prepareBatch } from './prepare';

export interface MarginLossOptions extends DistanceOptions {
  /** α, the half-width of the band around β (Wu et al. 2017; default 0.2). */
  margin?: number;
  /** β: a scalar variable (one boundary) or a [numClasses] variable (one per anchor class). */
  beta: tf.Variable;
}

/**
 * The boundary β of the margin loss as a trainable variable (Wu et al. 2017 learn β jointly with
 * the network, initial 1.2 as in pytorch-metric-learning). Pass `numClasses` for one β per class,
 * indexed by the anchor's label. Any optimizer minimising a loss that uses it trains it.
 */
export function createMarginBeta(options: { initial?: number; numClasses?: number; name?: string } = {}): tf.Variable {
  const initial = options.initial ?? 1.2;
  const value = options.numClasses === undefined ? tf.scalar(initial) : tf.fill([options.numClasses], initial);
  const v = tf.variable(value, true, options.name);
  value.dispose();
  return v;
}

/**
 * Margin loss (Wu et al. 2017, "Sampling Matters", eq. 4): (α + y(D − β))₊ for each pair, y = +1
 * for anchor-positive and −1 for anchor-negative pairs of the given triplets. Returns the
 * positive-pair values followed by the negative-pair values (2 per triplet); `meanNonZero` of them
 * is pytorch-metric-learning's MarginLoss (sum over active pairs / their count). β's own
 * regulariser ν·β from the paper is not included.
 */
export function marginLoss(
  embeddings: tf.Tensor2D,
  labels: LabelsLike,
  triplets: TripletIndexTensors | TripletIndices,
  options: MarginLossOptions,
): tf.Tensor1D {
  const fn = 'marginLoss';
  const ids = prepareBatch(embeddings, labels, fn);
  const t = assertMinedTriplets(triplets, ids.length, ids, fn);
  const alpha = checkMargin(options?.margin, 0.2, fn);
  const beta = options?.beta;
  if (!(beta instanceof tf.Variable) || beta.rank > 1) {
    throw new TripletInputError('options.beta', fn, 'must be a scalar or 1-d tf.Variable',
      'Create it once with createMarginBeta() (or createMarginBeta({ numClasses })) and pass the same variable every step.');
  }
  if (beta.rank === 1) {
    const bad = ids.find((l) => l < 0 || l >= beta.shape[0]);
    if (bad !== undefined) {
      throw new TripletInputError('labels', fn, `contains class ${bad} but options.beta has ${beta.shape[0]} entries`,
        'Create beta with createMarginBeta({ numClasses }) covering every class id (0..numClasses-1).');
    }
  }
  return tf.tidy(() => {
    const d = batchDistances(embeddings, options);
    const a = tf.tensor1d(t.anchors, 'int32');
    const dap = gatherPairs(d, a, tf.tensor1d(t.positives, 'int32'));
    const dan = gatherPairs(d, a, tf.tensor1d(t.negatives, 'int32'));
    const b = beta.rank === 0 ? beta : gatherRows(beta as tf.Tensor1D, tf.tensor1d(Array.from(t.anchors, (i) => ids[i]), 'int32'));
    const pos = tf.relu(tf.add(tf.sub(dap, b), alpha));
    const neg = tf.relu(tf.add(tf.sub(b, dan), alpha));
    return tf.concat([tf.reshape(pos, [-1]), tf.reshape(neg, [-1])]) as tf.Tensor1D;
  });
}
