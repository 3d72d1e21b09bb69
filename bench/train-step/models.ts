/**
 * The two embedding models the MNIST benchmarks train (bench/train-step, bench/mnist-triplet),
 * built in one place so both time and score the same networks. Seeded Glorot-uniform kernels
 * (tf.layers' default initialiser, seeded so runs repeat), zero biases; 784 inputs, 64 outputs.
 */
import * as tf from '@tensorflow/tfjs';

const init = (seed: number) => tf.initializers.glorotUniform({ seed });

/** MLP 784-256-128-64, relu, last layer linear: Dense-only, so `fit` trains it through its fused Dense path. */
export function mlp(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelInitializer: init(1) }));
  m.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(2) }));
  m.add(tf.layers.dense({ units: 64, kernelInitializer: init(3) }));
  return m;
}

/**
 * Small CNN on the same flat 784-pixel rows: reshape to 28×28×1, conv 16 3×3 relu, max-pool 2,
 * conv 32 3×3 relu, max-pool 2, flatten (5×5×32 = 800), dense 64. 'valid' padding throughout.
 * Taking flat rows keeps `fit`'s and `embed`'s 2-D inputs unchanged.
 */
export function cnn(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.reshape({ inputShape: [784], targetShape: [28, 28, 1] }));
  m.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(11) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: init(12) }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 64, kernelInitializer: init(13) }));
  return m;
}

export const MODEL_NAMES = { mlp: 'MLP 784-256-128-64', cnn: 'CNN conv16-pool-conv32-pool-dense64' } as const;
