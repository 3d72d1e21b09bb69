/**
 * Milliseconds per training step of `fit`, shared by bench/train-step and bench/mnist-triplet.
 * The clock starts when the last warm-up step's 'batch' event fires and stops at the last timed
 * step's, so it covers exactly `steps` whole steps of the library's own loop (batch sampling,
 * forward, host-side mining, backward, optimizer update, the per-step yield) and nothing before:
 * the first steps pay for kernel set-up, weight packing and optimizer slots.
 */
import type * as tf from '@tensorflow/tfjs';
import { fit, on } from '../../kernel/triplet';

export interface StepTimeOptions {
  P: number;
  K: number;
  /** Untimed steps first (at least 1: the clock starts at the end of the last one). */
  warmup: number;
  steps: number;
}

/** Trains `model` (in place) for warmup + steps steps with Adam 1e-3 under the current configure(); returns ms per timed step. */
export async function msPerStep(model: tf.LayersModel, data: { x: Float32Array; labels: Int32Array }, o: StepTimeOptions): Promise<number> {
  if (!(o.warmup >= 1) || !(o.steps >= 1)) throw new Error(`msPerStep: warmup (${o.warmup}) and steps (${o.steps}) must both be at least 1`);
  let t0 = NaN;
  let t1 = NaN;
  const off = on('batch', (e) => {
    if (e.step === o.warmup - 1) t0 = performance.now();
    if (e.step === o.warmup + o.steps - 1) t1 = performance.now();
  });
  try {
    await fit(model, { x: data.x, labels: data.labels, dims: 784 }, {
      steps: o.warmup + o.steps, P: o.P, K: o.K, optimizer: 'adam', learningRate: 1e-3, seed: 0,
      display: false, reducer: 'mean',
    });
  } finally {
    off();
  }
  if (!Number.isFinite(t1 - t0)) throw new Error('msPerStep: training ended before the timed steps did');
  return (t1 - t0) / o.steps;
}
