import * as tf from '@tensorflow/tfjs';

interface WasmBackendInternals {
  wasm?: { HEAPU8?: Uint8Array };
  dataIdMap?: { get(id: object): { memoryOffset?: unknown; dtype?: unknown } | undefined };
}

/**
 * A float32 tensor's values on the host, without the copy `dataSync` makes where the backend
 * allows it. On wasm the values already sit in the module's heap, so a view costs nothing, while
 * `dataSync` copies them into a fresh buffer; first touching 16 MB of fresh memory took ~45 ms on
 * this project's 2-core machines (page faults), more than the product that filled it.
 *
 * The view is valid only until the next tf op (which may grow and move the heap) or until the
 * tensor is disposed: read it at once. Other backends, and a wasm backend whose internals look
 * different, get `dataSync`.
 */
export function hostValues(t: tf.Tensor): Float32Array {
  if (t.dtype === 'float32' && tf.getBackend() === 'wasm') {
    const b = tf.backend() as unknown as WasmBackendInternals;
    const info = b.dataIdMap?.get(t.dataId);
    const heap = b.wasm?.HEAPU8;
    const offset = info?.memoryOffset;
    if (heap && typeof offset === 'number' && info?.dtype === 'float32' && offset % 4 === 0 && offset + t.size * 4 <= heap.byteLength) {
      return new Float32Array(heap.buffer, heap.byteOffset + offset, t.size);
    }
  }
  return t.dataSync() as Float32Array;
}
