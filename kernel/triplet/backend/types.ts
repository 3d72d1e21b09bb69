/** The TensorFlow.js backends tripletlab can run on, fastest first. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** What `triplet.backend()` shows: which backend runs the ops and why it was chosen. */
export interface BackendInfo {
  name: BackendName;
  /** One sentence: why this backend (forced by TRIPLETLAB_BACKEND, tfjs-node missing, wasm failed, …). */
  reason: string;
  /** wasm only: whether the SIMD build of the wasm binary is running. */
  simd?: boolean;
  /** wasm only: how many threads the wasm backend uses (1 in Node: no multi-threaded build there). */
  threads?: number;
  /** False while the wasm backend is still starting; ops meanwhile run on cpu. */
  ready: boolean;
}

/** Value of TRIPLETLAB_BACKEND after parsing: a forced backend or automatic choice. */
export type BackendRequest = BackendName | 'auto';
