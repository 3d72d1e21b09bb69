import * as tf from '@tensorflow/tfjs';
import { availableParallelism } from 'node:os';
import { TripletInputError } from '../../validation/errors';
import { leafLayers, type LayerLike } from '../check-kernels';
import type { EmbeddingModel } from '../types';
import { WorkerPool } from './worker-pool';

export { parallelStep } from './parallel-step';
export { WorkerPool } from './worker-pool';

let pool: WorkerPool | undefined;

const CONVOLUTIONS = new Set(['Conv1D', 'Conv2D', 'Conv2DTranspose', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv3D']);

/**
 * Whether splitting the batch pays for a model: it has convolutions (much work per weight, so the
 * per-step exchange of weights and gradients is small beside it) and no BatchNormalization (whose
 * training maths depends on how the batch is split). Measured on the MNIST models at batch 128,
 * 2 cores (bench/train-step): the CNN step 52–55 ms on one thread, 39–45 ms on two; the MLP step
 * 11 ms on one, 17 ms on two (its 240,000 weights cross twice a step for little work).
 */
function splitPays(model: tf.LayersModel): boolean {
  let conv = false;
  for (const l of leafLayers(model.layers as unknown as LayerLike[])) {
    if (l.getClassName() === 'BatchNormalization') return false;
    if (CONVOLUTIONS.has(l.getClassName())) conv = true;
  }
  return conv;
}

/**
 * How many threads `fit` trains on: `options.threads` when given, else 2 for a convolutional
 * tf.LayersModel on the wasm backend of a machine with ≥ 2 cores (wasm runs one thread per backend
 * in Node, so a second backend in a worker is how a step uses a second core), else 1.
 */
export function trainingThreads(requested: number | undefined, model: EmbeddingModel, batch: number, fn: string): number {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1)) {
    throw new TripletInputError('options.threads', fn, `is ${String(requested)}`, 'Use a positive integer (1 trains on the kernel\'s thread).');
  }
  if (requested !== undefined && requested > 1 && typeof model === 'function') {
    throw new TripletInputError('options.threads', fn, `is ${requested} but the model is a function`, 'Data-parallel training replicates a tf.LayersModel in each thread; pass threads: 1 or a LayersModel.');
  }
  const auto = typeof model !== 'function' && tf.getBackend() === 'wasm' && availableParallelism() >= 2 && splitPays(model);
  const threads = requested ?? (auto ? 2 : 1);
  return Math.max(1, Math.min(threads, Math.floor(batch / 2)));
}

/** The session's training workers, `size` of them (a different size replaces the pool). */
export async function trainingPool(size: number): Promise<WorkerPool> {
  if (pool && pool.size !== size) {
    await pool.close();
    pool = undefined;
  }
  return (pool ??= new WorkerPool(size));
}
