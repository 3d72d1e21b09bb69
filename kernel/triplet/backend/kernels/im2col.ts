import type * as TF from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-calls';

export interface PatchGeometry {
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
  oh: number;
  ow: number;
}

/**
 * The convolution patches of an NHWC image batch as a matrix [B·OH·OW, KH·KW·C], written on the
 * wasm heap: for each output pixel, KH runs of KW·C contiguous input values (one copy each), zeros
 * where the patch hangs over the padding.
 */
export function im2col(backend: WasmBackend, x: TF.TensorInfo, g: PatchGeometry): TF.TensorInfo {
  const [b, h, w, c] = x.shape;
  const row = g.kw * c;
  const patch = g.kh * row;
  const out = backend.makeOutput([b * g.oh * g.ow, patch], 'float32');
  // One view of the whole heap: copies between two places in it allocate nothing (copyWithin),
  // where a `subarray` per run would allocate a view object per patch row.
  const view = backend.typedArrayFromHeap(out) as Float32Array;
  const heap = new Float32Array(view.buffer);
  const base = view.byteOffset / 4;
  const srcBase = (backend.typedArrayFromHeap(x) as Float32Array).byteOffset / 4;
  const copy = (from: number, to: number, len: number) => {
    if (len >= 16) heap.copyWithin(to, from, from + len);
    else for (let q = 0; q < len; q++) heap[to + q] = heap[from + q];
  };
  let at = base;
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < g.oh; i++) {
      const y0 = i * g.sh - g.top;
      for (let j = 0; j < g.ow; j++) {
        const x0 = j * g.sw - g.left;
        const inside = x0 >= 0 && x0 + g.kw <= w;
        for (let k = 0; k < g.kh; k++, at += row) {
          const y = y0 + k;
          if (y < 0 || y >= h) {
            heap.fill(0, at, at + row);
          } else if (inside) {
            copy(srcBase + ((n * h + y) * w + x0) * c, at, row);
          } else {
            for (let t = 0; t < g.kw; t++) {
              const xx = x0 + t;
              const to = at + t * c;
              if (xx < 0 || xx >= w) heap.fill(0, to, to + c);
              else copy(srcBase + ((n * h + y) * w + xx) * c, to, c);
            }
          }
        }
      }
    }
  }
  return out;
}
