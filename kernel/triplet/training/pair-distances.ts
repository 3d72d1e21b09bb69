import * as tf from '@tensorflow/tfjs';
import type { DistanceName } from '../distances/types';
import { matMulPlain } from '../distances/mat-mul';

/**
 * values[indices[i]] whose gradient is scattered on the host. tfjs' own Gather gradient needs
 * UnsortedSegmentSum, which the wasm backend does not register.
 */
function gatherFlat(values: tf.Tensor1D, indices: Int32Array): tf.Tensor1D {
  const size = values.size;
  const op = tf.customGrad(((v: tf.Tensor1D, save: tf.GradSaveFunc) => {
    void save;
    return {
      value: tf.gather(v, tf.tensor1d(indices, 'int32')),
      gradFunc: (dy: tf.Tensor) => {
        const g = new Float32Array(size);
        const d = dy.dataSync();
        for (let i = 0; i < indices.length; i++) g[indices[i]] += d[i];
        return [tf.tensor1d(g)];
      },
    };
  }) as never) as unknown as (v: tf.Tensor1D) => tf.Tensor1D;
  return op(values);
}

/**
 * d(x_rows[i], x_cols[i]) for listed pairs, differentiable with respect to x, built only from ops
 * that tfjs can back-propagate through on every backend (it has no gradient for comparisons such
 * as LessEqual or Greater, which a masked square root would need). Squared distances come from one
 * n×n product (cheap for a batch, whatever the number of triplets); the square root is taken only
 * of the gathered pairs, clamped at ε² so equal embeddings give a finite gradient.
 */
export function pairDistances(x: tf.Tensor2D, rows: Int32Array, cols: Int32Array, distance: DistanceName): tf.Tensor1D {
  const n = x.shape[0];
  const flat = Int32Array.from(rows, (r, i) => r * n + cols[i]);
  if (distance === 'cosine') {
    const unit = tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), 1, true), 1e-12))) as tf.Tensor2D;
    const sim = matMulPlain(unit, tf.transpose(unit));
    return tf.sub(1, gatherFlat(tf.reshape(sim, [-1]), flat)) as tf.Tensor1D;
  }
  const sq = tf.sum(tf.square(x), 1, true);
  const d2 = tf.relu(tf.sub(tf.add(sq, tf.reshape(sq, [1, -1])), tf.mul(2, matMulPlain(x, tf.transpose(x)))));
  const picked = gatherFlat(tf.reshape(d2, [-1]) as tf.Tensor1D, flat);
  return distance === 'squared-euclidean' ? picked : (tf.sqrt(tf.maximum(picked, 1e-12)) as tf.Tensor1D);
}
