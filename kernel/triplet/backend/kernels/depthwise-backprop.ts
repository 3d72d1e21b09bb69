import type * as TF from '@tensorflow/tfjs';
import type { KernelCalls } from './wasm-calls';

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

export interface DepthwiseBackpropAttrs {
  strides: number | [number, number];
  dilations?: number | [number, number];
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function assertUndilated(attrs: DepthwiseBackpropAttrs, kernel: string): void {
  const d = attrs.dilations ?? 1;
  if (!(d === 1 || (Array.isArray(d) && d[0] === 1 && d[1] === 1))) {
    throw new Error(`${kernel} on wasm supports dilation 1 only (got ${JSON.stringify(d)}); use dilationRate 1, or TRIPLETLAB_BACKEND=cpu for dilated depthwise convolutions.`);
  }
}

/**
 * dL/dx of a depthwise convolution (filter [KH, KW, C, M]) as a depthwise convolution on wasm:
 * the dilated, padded dy (C·M channels) against the filter turned 180° with one output per
 * channel, then the M outputs of each input channel summed.
 */
export function depthwiseBackpropInput(tf: typeof TF, k: KernelCalls, dy: TF.TensorInfo, filter: TF.TensorInfo, attrs: DepthwiseBackpropAttrs & { inputShape: [number, number, number, number] }): TF.TensorInfo {
  assertUndilated(attrs, 'DepthwiseConv2dNativeBackpropInput');
  const [kh, kw, c, m] = filter.shape;
  const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, [kh, kw, c, m], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, true);
  const [b, h, w] = attrs.inputShape;
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  if (top < 0 || left < 0) throw new Error('DepthwiseConv2dNativeBackpropInput on wasm: padding wider than the filter is not supported; use "same" or "valid".');
  const [, oh, ow] = dy.shape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const bottom = Math.max(0, h + info.padInfo.top - oh * sh);
  const right = Math.max(0, w + info.padInfo.left - ow * sw);
  const turned = k.reshape(k.run('Reverse', { x: filter }, { dims: [0, 1] }), [kh, kw, c * m, 1]);
  const full = k.run('DepthwiseConv2dNative', { x: k.dilate(dy, sh, sw), filter: turned }, {
    strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
  });
  const dx = k.crop(full, [b, h, w, c * m]);
  return m === 1 ? dx : k.run('Sum', { x: k.reshape(dx, [b, h, w, c, m]) }, { axis: [4], keepDims: false });
}

/**
 * dL/dW of a depthwise convolution as one depthwise convolution on wasm: x becomes a single image
 * with B·C channels ([1, H, W, B·C]), dy the filter [OH, OW, B·C, M] dilated by the stride; the
 * batch is then summed out.
 */
export function depthwiseBackpropFilter(tf: typeof TF, k: KernelCalls, x: TF.TensorInfo, dy: TF.TensorInfo, attrs: DepthwiseBackpropAttrs & { filterShape: [number, number, number, number] }): TF.TensorInfo {
  assertUndilated(attrs, 'DepthwiseConv2dNativeBackpropFilter');
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, true);
  const [b, h, w, c] = x.shape;
  const [, oh, ow] = dy.shape;
  const [kh, kw, , m] = attrs.filterShape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const bottom = Math.max(0, kh + (oh - 1) * sh - h - top);
  const right = Math.max(0, kw + (ow - 1) * sw - w - left);
  const image = k.reshape(k.transpose(x, [1, 2, 0, 3]), [1, h, w, b * c]);
  const taps = k.reshape(k.transpose(dy, [1, 2, 0, 3]), [oh, ow, b * c, m]);
  const full = k.run('DepthwiseConv2dNative', { x: image, filter: taps }, {
    strides: [1, 1], dilations: [sh, sw], pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
  });
  const perImage = k.reshape(k.crop(full, [1, kh, kw, b * c * m]), [kh, kw, b, c * m]);
  return k.reshape(k.run('Sum', { x: perImage }, { axis: [2], keepDims: false }), [kh, kw, c, m]);
}
