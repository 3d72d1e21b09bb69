import type * as TF from '@tensorflow/tfjs';
import type { ConvAttrs } from './conv-attrs';
import type { KernelCalls } from './wasm-calls';

export interface Conv2DBackpropInputAttrs extends ConvAttrs {
  inputShape: [number, number, number, number];
}

/**
 * dL/dx of a 2-d convolution as a forward convolution on wasm's XNNPACK path: dy, with stride − 1
 * zeros between its rows and columns, padded by (k − 1 − pad), convolved with the filter turned
 * 180° and its channel axes swapped. tfjs-backend-wasm's own Conv2DBackpropInput is a direct loop
 * (~3 GFLOP/s here); this runs at the speed of its forward convolution.
 *
 * Returns undefined when the padding is wider than the filter (only possible with explicit
 * padding), where this form does not apply; the caller then uses the native kernel.
 */
export function conv2DBackpropInput(tf: typeof TF, k: KernelCalls, dy: TF.TensorInfo, filter: TF.TensorInfo, attrs: Conv2DBackpropInputAttrs): TF.TensorInfo | undefined {
  if (attrs.dataFormat === 'NCHW') return undefined;
  const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [b, h, w, ci] = attrs.inputShape;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  if (top < 0 || left < 0) return undefined;
  const [, oh, ow] = dy.shape;
  const bottom = Math.max(0, h + info.padInfo.top - oh * sh);
  const right = Math.max(0, w + info.padInfo.left - ow * sw);
  const turned = k.transpose(k.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
  const dx = k.run('Conv2D', { x: k.dilate(dy, sh, sw), filter: turned }, {
    strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dilations: [1, 1], dataFormat: 'NHWC',
  });
  return k.crop(dx, [b, h, w, ci]);
}
