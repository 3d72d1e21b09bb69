import * as tf from '@tensorflow/tfjs';
import type { EmbeddingModel } from '../training/types';

const SAMPLES_PER_WEIGHT = 16;

function weightsOf(model: EmbeddingModel): tf.Variable[] {
  if (typeof model === 'function') return Object.values(tf.engine().registeredVariables).filter((v) => v.trainable);
  return model.weights.map((w) => w.read() as tf.Variable);
}

/**
 * A cheap identity of the model's current weights: variable ids and shapes, plus 16 values read
 * at evenly spaced positions of each (one small device read in all). Any optimizer step moves
 * every sampled value, so a cell that trained changes it; a cell that did not leaves it equal.
 */
export function fingerprint(model: EmbeddingModel): string {
  const vars = weightsOf(model);
  if (vars.length === 0) return 'no-weights';
  const head = vars.map((v) => `${v.id}:${v.shape.join('x')}`).join(',');
  const sample = tf.tidy(() =>
    tf.concat(
      vars.map((v) => {
        const size = v.size;
        const idx = Int32Array.from({ length: Math.min(SAMPLES_PER_WEIGHT, size) }, (_, i) => Math.floor((i * size) / Math.min(SAMPLES_PER_WEIGHT, size)));
        return tf.gather(tf.reshape(v, [-1]), tf.tensor1d(idx, 'int32'));
      }),
    ),
  );
  const values = sample.dataSync();
  sample.dispose();
  return `${head}|${Array.from(values).join(',')}`;
}
