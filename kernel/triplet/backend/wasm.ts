import type * as TF from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './kernels';

/** tfjs-backend-wasm's priority (its `registerBackend('wasm', …, 2)`), kept when re-registering. */
const WASM_PRIORITY = 2;

/**
 * Starts the wasm backend while cpu stays active, then switches to it.
 *
 * `tf.setBackend('wasm')` alone would leave the engine with a pending initialisation, and
 * tfjs-core's engine throws "Backend 'wasm' has not yet been initialized" for every op until it
 * resolves. Running the registered factory ourselves keeps cpu usable meanwhile; once the wasm
 * module is compiled the ready instance is registered under a synchronous factory, so the switch
 * happens in one step. Tensors created on cpu before that are moved on first use
 * (tfjs engine `moveData`).
 */
export async function startWasm(tf: typeof TF): Promise<{ simd: boolean; threads: number }> {
  const wasmModule = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
  const factory = tf.engine().findBackendFactory('wasm');
  if (factory == null) throw new Error('@tensorflow/tfjs-backend-wasm loaded but registered no wasm backend');
  const instance = await factory();
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', () => instance, WASM_PRIORITY);
  const ok = await tf.setBackend('wasm');
  if (!ok) throw new Error('tf.setBackend("wasm") returned false after the wasm module was compiled');
  // After setBackend: the native kernels kept as fall-backs must have run their set-up first.
  registerWasmTrainingKernels(tf);
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return { simd, threads: wasmModule.getThreadsCount() };
}
