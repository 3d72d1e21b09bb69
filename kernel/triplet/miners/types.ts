import * as tf from '@tensorflow/tfjs';
import type { DistanceName } from '../distances';

/**
 * Counts over ALL valid triplets (a, p, n) of the batch at the miner's margin, whatever the miner
 * returned, so training views can show how the category fractions move:
 * easy d(a,n) > d(a,p)+m, semi-hard d(a,p) < d(a,n) ≤ d(a,p)+m, hard d(a,n) ≤ d(a,p).
 * `meanPositive` / `meanNegative` average d over all anchor-positive / anchor-negative pairs
 * (ordered, i ≠ j); 0 when there are none.
 */
export interface TripletStats {
  total: number;
  easy: number;
  semiHard: number;
  hard: number;
  meanPositive: number;
  meanNegative: number;
}

/** Index tensors (int32, equal length) into the batch, plus the batch's triplet statistics. */
export interface MinedTriplets {
  anchors: tf.Tensor1D;
  positives: tf.Tensor1D;
  negatives: tf.Tensor1D;
  stats: TripletStats;
}

export interface MinerOptions {
  /** Margin m for categorising triplets (default 0.2). */
  margin?: number;
  /** Default `euclidean`. */
  distance?: DistanceName;
  /** L2-normalise embeddings before measuring (default false). */
  normalize?: boolean;
  /** Seed for miners that sample (random, distance-weighted); default 0. */
  seed?: number;
}

export type LabelsLike = tf.Tensor1D | Int32Array | number[];

export type Miner = (embeddings: tf.Tensor2D, labels: LabelsLike, options?: MinerOptions) => MinedTriplets;

/** Plain index lists, as the miners build them before turning them into tensors. */
export interface TripletIndices {
  anchors: Int32Array;
  positives: Int32Array;
  negatives: Int32Array;
}

export const MINER_NAMES = ['all', 'easy', 'semi-hard', 'hard', 'batch-hard', 'distance-weighted', 'random'] as const;
export type MinerName = (typeof MINER_NAMES)[number];

/** Disposes the index tensors of a mining result. */
export function disposeMined(m: MinedTriplets): void {
  m.anchors.dispose();
  m.positives.dispose();
  m.negatives.dispose();
}

/** Anchor-positive and anchor-negative pairs, as index lists into the batch (PML's (a1, p, a2, n)). */
export interface MinedPairs {
  posAnchors: Int32Array;
  positives: Int32Array;
  negAnchors: Int32Array;
  negatives: Int32Array;
}
