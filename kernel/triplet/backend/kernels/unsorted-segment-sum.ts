import type * as TF from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-calls';

/**
 * out[s] = Σ x[i] over the i with segmentIds[i] = s (ids outside [0, numSegments) are dropped, as
 * in TensorFlow). The gradient of tf.gather needs it; tfjs-backend-wasm does not register it.
 * A scatter-add on the wasm heap: gradients of gathers are small (rows of a batch).
 */
export function unsortedSegmentSum(backend: WasmBackend, x: TF.TensorInfo, segmentIds: TF.TensorInfo, numSegments: number): TF.TensorInfo {
  if (x.dtype !== 'float32' && x.dtype !== 'int32') throw new Error(`UnsortedSegmentSum on wasm takes float32 or int32 values, got ${x.dtype}.`);
  const n = segmentIds.shape.reduce((a, d) => a * d, 1);
  const inner = n === 0 ? 0 : x.shape.reduce((a, d) => a * d, 1) / n;
  const out = backend.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
  const o = backend.typedArrayFromHeap(out);
  const v = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  o.fill(0);
  for (let i = 0; i < n; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let j = 0; j < inner; j++) o[to + j] += v[from + j];
  }
  return out;
}
