import type * as TF from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-calls';

export interface MaxPoolGradAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * dL/dx of 2-d max pooling: each output's gradient goes to the first maximum of its window (the
 * rule of tfjs' cpu backend). One pass over the windows with a per-channel running maximum,
 * reading and writing the wasm heap in place; tfjs-backend-wasm's own MaxPoolGrad searches every
 * window again for each input pixel (~20× slower on this project's CNN).
 */
export function maxPoolGrad(tf: typeof TF, backend: WasmBackend, dy: TF.TensorInfo, input: TF.TensorInfo, attrs: MaxPoolGradAttrs): TF.TensorInfo {
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const out = backend.makeOutput(input.shape, 'float32');
  // Views taken after makeOutput: allocating may grow (and move) the heap.
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  for (let b = 0; b < batchSize; b++) {
    const xb = b * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * sh - top;
      const i0 = Math.max(0, h0);
      const i1 = Math.min(H, h0 + fh);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = ow * sw - left;
        const j0 = Math.max(0, w0);
        const j1 = Math.min(W, w0 + fw);
        const gBase = ((b * OH + oh) * OW + ow) * C;
        // One channel at a time with scalar state: no per-window arrays to reset.
        for (let c = 0; c < C; c++) {
          let best = -Infinity;
          let at = -1;
          for (let i = i0; i < i1; i++) {
            let p = xb + (i * W + j0) * C + c;
            for (let j = j0; j < j1; j++, p += C) {
              const v = x[p];
              if (v > best) {
                best = v;
                at = p;
              }
            }
          }
          if (at >= 0) dx[at] += g[gBase + c];
        }
      }
    }
  }
  return out;
}
