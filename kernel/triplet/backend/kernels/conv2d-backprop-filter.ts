import type * as TF from '@tensorflow/tfjs';
import { im2col } from './im2col';
import { plainMatMul } from './mat-mul';
import type { ConvAttrs } from './conv-attrs';
import type { KernelCalls } from './wasm-calls';

export interface Conv2DBackpropFilterAttrs extends ConvAttrs {
  filterShape: [number, number, number, number];
}

/**
 * dL/dW of a 2-d convolution, dW[kh,kw,ci,co] = Σ_b,oh,ow x[b, oh·s+kh−pt, ow·s+kw−pl, ci]·dy[b,oh,ow,co],
 * for small patches as patchesᵀ · dy (im2col), else as ONE forward convolution on wasm's XNNPACK
 * path: the batch becomes the channel axis (x as [CI, H, W, B], dy as the filter [OH, OW, B, CO])
 * and the stride becomes the filter's dilation, the same product without the patch matrix. The
 * convolution sets up poorly when it has few output pixels (KH·KW·CI small), hence the split.
 */
/**
 * Patch sizes up to which the im2col product is used. Measured on the tutorial CNN (batch 128,
 * CPU time, loaded machine): first layer, 3×3×1 patches: 4.9–5.4 ms with im2col against
 * 10.4–11.6 ms as a convolution; second layer, 3×3×16: 16 ms against 8.4–12 ms.
 */
const IM2COL_MAX = 64;

export function conv2DBackpropFilter(tf: typeof TF, k: KernelCalls, x: TF.TensorInfo, dy: TF.TensorInfo, attrs: Conv2DBackpropFilterAttrs): TF.TensorInfo {
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports channels-last (NHWC) data only; use dataFormat "channelsLast".');
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const [, h, w, ci] = x.shape;
  const [, oh, ow, co] = dy.shape;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Pad the far side just enough for kh × kw outputs; extra rows a 'valid' stride leaves are cropped.
  const bottom = Math.max(0, kh + (oh - 1) * sh - h - top);
  const right = Math.max(0, kw + (ow - 1) * sw - w - left);
  if (kh * kw * ci <= IM2COL_MAX) {
    // dW = patchesᵀ · dy: one matrix product (patches copied to plain layout by plainMatMul).
    const rows = x.shape[0] * oh * ow;
    const patches = k.adopt(im2col(k.backend, x, { kh, kw, sh, sw, top, left, oh, ow }));
    const dW = plainMatMul(k, 'BatchMatMul', { a: k.reshape(patches, [1, rows, kh * kw * ci]), b: k.reshape(dy, [1, rows, co]) }, { transposeA: true, transposeB: false });
    return k.reshape(dW, [kh, kw, ci, co]);
  }
  const xT = k.transpose(x, [3, 1, 2, 0]);
  const dyT = k.transpose(dy, [1, 2, 0, 3]);
  const product = k.run('Conv2D', { x: xT, filter: dyT }, {
    strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dilations: [sh, sw], dataFormat: 'NHWC',
  });
  return k.transpose(k.crop(product, [ci, kh, kw, co]), [1, 2, 0, 3]);
}
