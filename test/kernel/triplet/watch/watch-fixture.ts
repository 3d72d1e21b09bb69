// What the watch tests share: Gaussian clusters (training data and probe set) and a small seeded MLP.
import * as tf from '@tensorflow/tfjs';
import { gaussianClusters } from '../training/clusters';

export const DIMS = 16;
export const data = gaussianClusters(5, 30, DIMS, 1.0, 4);
export const probe = { x: data.x, labels: data.labels, dims: DIMS };

export function mlp(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [DIMS], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  m.add(tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  return m;
}
