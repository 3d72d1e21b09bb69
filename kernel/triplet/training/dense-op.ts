import * as tf from '@tensorflow/tfjs';

/** Activations the fused Dense path differentiates itself (from the saved output y). */
export type DenseActivation = 'linear' | 'relu' | 'tanh' | 'sigmoid';
export const DENSE_ACTIVATIONS: readonly string[] = ['linear', 'relu', 'tanh', 'sigmoid'];

function activationGrad(dy: tf.Tensor2D, y: tf.Tensor2D, act: DenseActivation): tf.Tensor2D {
  switch (act) {
    case 'relu':
      return tf.mul(dy, tf.step(y)) as tf.Tensor2D;
    case 'tanh':
      return tf.mul(dy, tf.sub(1, tf.square(y))) as tf.Tensor2D;
    case 'sigmoid':
      return tf.mul(dy, tf.mul(y, tf.sub(1, y))) as tf.Tensor2D;
    default:
      return dy;
  }
}

type Op = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/**
 * y = act(x·W + b) in one fused product, with a gradient built from untransposed products on
 * materialised transposes (see distances/mat-mul.ts for the wasm measurements). When `inputGrad`
 * is false the layer reads data, not a trained tensor, and dL/dx — as costly as dL/dW — is not
 * computed (a zero gradient is returned for x).
 */
export function denseOp(act: DenseActivation, inputGrad: boolean): Op {
  return tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const y = tf.fused.matMul({ a: x, b: w, bias: b, activation: act === 'linear' ? 'linear' : act === 'relu' ? 'relu' : undefined });
    const out = act === 'tanh' ? tf.tanh(y) : act === 'sigmoid' ? tf.sigmoid(y) : y;
    save([x, w, out]);
    return {
      value: out,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw, sy] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const g = activationGrad(dy as tf.Tensor2D, sy, act);
        const dx = inputGrad ? tf.matMul(g, tf.transpose(sw)) : tf.zerosLike(sx);
        return [dx, tf.matMul(tf.transpose(sx), g), tf.sum(g, 0)];
      },
    };
  }) as never) as unknown as Op;
}
