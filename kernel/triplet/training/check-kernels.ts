import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation/errors';

/**
 * The kernels each layer's forward and backward passes run (tfjs-layers class names → tfjs-core
 * kernel names). Layers not listed use only element-wise and reduction kernels, which every
 * backend has.
 */
const CONV = ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'];
const DEPTHWISE = ['DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'];
export const LAYER_KERNELS: Readonly<Record<string, readonly string[]>> = {
  Dense: ['BatchMatMul'],
  Conv1D: CONV,
  Conv2D: CONV,
  Conv2DTranspose: CONV,
  DepthwiseConv2D: DEPTHWISE,
  SeparableConv2D: [...DEPTHWISE, ...CONV],
  Conv3D: ['Conv3D', 'Conv3DBackpropFilterV2', 'Conv3DBackpropInputV2'],
  MaxPooling1D: ['MaxPool', 'MaxPoolGrad'],
  MaxPooling2D: ['MaxPool', 'MaxPoolGrad'],
  AveragePooling1D: ['AvgPool', 'AvgPoolGrad'],
  AveragePooling2D: ['AvgPool', 'AvgPoolGrad'],
  MaxPooling3D: ['MaxPool3D', 'MaxPool3DGrad'],
  AveragePooling3D: ['AvgPool3D', 'AvgPool3DGrad'],
  Embedding: ['GatherV2', 'UnsortedSegmentSum'],
  UpSampling2D: ['ResizeNearestNeighbor', 'ResizeNearestNeighborGrad'],
};

export interface LayerLike {
  name: string;
  getClassName(): string;
  layers?: LayerLike[];
}

/** The layers of a model, nested models opened. */
export function* leafLayers(layers: LayerLike[]): Generator<LayerLike> {
  for (const l of layers) {
    if (Array.isArray(l.layers)) yield* leafLayers(l.layers);
    else yield l;
  }
}

/**
 * Throws before the first step when a layer of `model` needs a kernel the active backend does not
 * register, naming the layer, the kernel, the backend and what to do, instead of failing minutes
 * into training on the first backward pass.
 */
export function assertTrainableOnBackend(model: tf.LayersModel, fn: string): void {
  const backendName = tf.getBackend();
  for (const layer of leafLayers(model.layers as unknown as LayerLike[])) {
    for (const kernel of LAYER_KERNELS[layer.getClassName()] ?? []) {
      if (tf.getKernel(kernel, backendName)) continue;
      const others = ['tensorflow', 'wasm', 'cpu'].filter((b) => b !== backendName && tf.getKernel(kernel, b));
      const where = others.length ? `it is available on ${others.join(' and ')} (TRIPLETLAB_BACKEND=${others[0]}, then restart the kernel)` : 'no loaded backend has it';
      throw new TripletInputError('model', fn,
        `has layer '${layer.name}' (${layer.getClassName()}), whose training needs the kernel '${kernel}', which the '${backendName}' backend does not register`,
        `Replace that layer, or train on another backend: ${where}.`);
    }
  }
}
