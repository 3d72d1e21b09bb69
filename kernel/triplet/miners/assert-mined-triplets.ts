import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation';
import type { TripletIndices } from './types';

export interface TripletIndexTensors {
  anchors: tf.Tensor1D;
  positives: tf.Tensor1D;
  negatives: tf.Tensor1D;
}

/**
 * The one check every miner's output must pass (pytorch-metric-learning base_miner's
 * output_assertion): equal-length int32 index lists into the batch, a ≠ p, label[a] = label[p],
 * label[a] ≠ label[n]. Returns the indices as plain arrays.
 */
export function assertMinedTriplets(
  m: TripletIndexTensors | TripletIndices,
  batchSize: number,
  labels: ArrayLike<number>,
  functionName = 'assertMinedTriplets',
  argument = 'triplets',
): TripletIndices {
  const read = (key: 'anchors' | 'positives' | 'negatives'): Int32Array => {
    const v: unknown = (m as unknown as Record<string, unknown>)?.[key];
    if (v instanceof Int32Array) return v;
    if (v instanceof tf.Tensor && v.rank === 1 && v.dtype === 'int32') return v.dataSync() as Int32Array;
    throw new TripletInputError(`${argument}.${key}`, functionName, 'must be a 1-d int32 tensor (or Int32Array) of batch indices',
      'Pass the result of a miner, e.g. batchHardMiner(embeddings, labels).');
  };
  const anchors = read('anchors');
  const positives = read('positives');
  const negatives = read('negatives');
  if (anchors.length !== positives.length || anchors.length !== negatives.length) {
    throw new TripletInputError(argument, functionName,
      `has ${anchors.length} anchors, ${positives.length} positives and ${negatives.length} negatives`,
      'The three index lists must have equal length (one entry per triplet).');
  }
  for (let t = 0; t < anchors.length; t++) {
    const a = anchors[t];
    const p = positives[t];
    const q = negatives[t];
    for (const [k, v] of [['anchors', a], ['positives', p], ['negatives', q]] as const) {
      if (!(v >= 0 && v < batchSize)) {
        throw new TripletInputError(`${argument}.${k}`, functionName, `entry ${t} is ${v}, outside the batch [0, ${batchSize})`,
          'Mine the triplets on the same batch you compute the loss on.');
      }
    }
    if (a === p || labels[a] !== labels[p] || labels[a] === labels[q]) {
      throw new TripletInputError(argument, functionName,
        `triplet ${t} (${a}, ${p}, ${q}) is not valid: labels (${labels[a]}, ${labels[p]}, ${labels[q]})`,
        'A triplet needs anchor ≠ positive with the same label and a negative with another label; mine with the same labels.');
    }
  }
  return { anchors, positives, negatives };
}
