import type * as TF from '@tensorflow/tfjs';
import { BackendSelectionError } from './errors';
import { backendNotice, printNoticeOnce } from './notice';
import { BACKEND_ENV, parseBackendRequest } from './request';
import type { BackendInfo, BackendRequest } from './types';
import { startWasm } from './wasm';
import { registerFileIO } from '../model-io';

export type { BackendInfo, BackendName, BackendRequest } from './types';
export { BackendSelectionError } from './errors';
export { parseBackendRequest, BACKEND_ENV } from './request';
export { backendNotice } from './notice';

type Tf = typeof TF;

interface State {
  tf: Tf;
  info: BackendInfo;
  ready: Promise<BackendInfo>;
}

let state: State | undefined;

function tryRequireNative(): Tf | undefined {
  try {
    return require('@tensorflow/tfjs-node') as Tf;
  } catch {
    return undefined;
  }
}

/** Makes cpu the active backend synchronously, without tfjs' own "install tfjs-node" banner. */
function useCpu(tf: Tf): void {
  void tf.setBackend('cpu');
  // The cpu backend prints a multi-line banner on its first write in Node; our single notice
  // replaces it (see printNoticeOnce).
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
}

function start(request: BackendRequest): State {
  const native = request === 'auto' || request === 'tensorflow' ? tryRequireNative() : undefined;
  if (native) {
    void native.setBackend('tensorflow');
    const info: BackendInfo = {
      name: 'tensorflow',
      reason: request === 'tensorflow' ? `${BACKEND_ENV}=tensorflow` : '@tensorflow/tfjs-node is installed',
      ready: true,
    };
    return { tf: native, info, ready: Promise.resolve(info) };
  }
  if (request === 'tensorflow') {
    throw new BackendSelectionError(
      `${BACKEND_ENV}=tensorflow but @tensorflow/tfjs-node cannot be loaded (in loadTf). ` +
        `Install it (npm install @tensorflow/tfjs-node), or set ${BACKEND_ENV} to wasm or cpu, or unset it.`,
    );
  }
  const tf = require('@tensorflow/tfjs') as Tf;
  // Only tfjs-node brings file:// save and load; the same files then work on wasm and cpu too.
  registerFileIO(tf);
  const forced = request !== 'auto';
  useCpu(tf);
  if (request === 'cpu') {
    const info: BackendInfo = { name: 'cpu', reason: `${BACKEND_ENV}=cpu`, ready: true };
    printNoticeOnce(backendNotice(info, true));
    return { tf, info, ready: Promise.resolve(info) };
  }
  const s: State = {
    tf,
    info: { name: 'cpu', reason: 'the wasm backend is starting; ops run on cpu until ready() resolves', ready: false },
    ready: Promise.resolve(undefined as unknown as BackendInfo),
  };
  s.ready = startWasm(tf).then(
    ({ simd, threads }) => {
      s.info = {
        name: 'wasm',
        reason: request === 'wasm' ? `${BACKEND_ENV}=wasm` : '@tensorflow/tfjs-node is not installed',
        simd,
        threads,
        ready: true,
      };
      printNoticeOnce(backendNotice(s.info, forced));
      return s.info;
    },
    (err: unknown) => {
      const why = err instanceof Error ? err.message : String(err);
      s.info = { name: 'cpu', reason: `the wasm backend failed to start: ${why}`, ready: true };
      if (request === 'wasm') {
        throw new BackendSelectionError(
          `${BACKEND_ENV}=wasm but the wasm backend failed to start (${why}) (in ready). ` +
            `Set ${BACKEND_ENV} to cpu, or unset it to fall back to cpu automatically.`,
        );
      }
      printNoticeOnce(backendNotice(s.info, false));
      return s.info;
    },
  );
  return s;
}

/**
 * Loads TensorFlow.js with the fastest backend available: tfjs-node ('tensorflow') when it loads,
 * else wasm, else cpu; TRIPLETLAB_BACKEND=tensorflow|wasm|cpu forces one.
 *
 * Synchronous: the returned `tf` is usable at once. wasm compiles asynchronously; until `ready()`
 * resolves, ops run on cpu and move to wasm afterwards. Callers about to do heavy work (and the
 * kernel, before running a cell) should `await ready()`.
 */
export function loadTf(): Tf {
  if (!state) state = start(parseBackendRequest(process.env[BACKEND_ENV]));
  return state.tf;
}

/** Resolves once the chosen backend is active (loads TensorFlow.js first if needed). */
export function ready(): Promise<BackendInfo> {
  try {
    loadTf();
  } catch (err) {
    return Promise.reject(err);
  }
  return state!.ready;
}

/** The backend now running ops, and why; `ready: false` while wasm is still starting. */
export function backend(): BackendInfo {
  loadTf();
  return { ...state!.info };
}
