import * as tf from '@tensorflow/tfjs';
import { DENSE_ACTIVATIONS, denseOp, type DenseActivation } from './dense-op';

interface DenseLike {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  kernel?: { read(): tf.Tensor };
  bias?: { read(): tf.Tensor };
}

function activationName(layer: DenseLike): string {
  const a = layer.getConfig().activation;
  return typeof a === 'string' ? a : 'linear';
}

/**
 * The model's forward pass over the same weight variables, through `denseOp`, when the model is
 * a plain stack of Dense layers (InputLayer, Flatten-free, no dropout); undefined otherwise, and
 * the caller then uses `model.apply`. Training through it updates the model's own variables.
 */
export function denseFastPath(model: tf.LayersModel): ((x: tf.Tensor2D) => tf.Tensor2D) | undefined {
  const layers = (model.layers as unknown as DenseLike[]).filter((l) => l.getClassName() !== 'InputLayer');
  if (layers.length === 0) return undefined;
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return undefined;
  // A Sequential or a functional chain: each layer's only input is the previous layer's output.
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    if (l.getClassName() !== 'Dense' || !l.kernel) return undefined;
    if (!DENSE_ACTIVATIONS.includes(activationName(l))) return undefined;
    const inbound = (l as unknown as { inboundNodes: { inboundLayers: unknown[] }[] }).inboundNodes;
    if (inbound.length !== 1 || inbound[0].inboundLayers.length !== 1) return undefined;
    if (i > 0 && inbound[0].inboundLayers[0] !== layers[i - 1]) return undefined;
  }
  const ops = layers.map((l, i) => ({
    layer: l,
    op: denseOp(activationName(l) as DenseActivation, i > 0),
  }));
  return (x) => {
    let h = x;
    for (const { layer, op } of ops) {
      const w = layer.kernel!.read() as tf.Tensor2D;
      const b = layer.bias ? (layer.bias.read() as tf.Tensor1D) : tf.zeros([w.shape[1]]);
      h = op(h, w, b as tf.Tensor1D);
    }
    return h;
  };
}
