import type * as TF from '@tensorflow/tfjs';
import type { KernelApi } from '../api';
import { CONFIG_COMM_TARGET } from '../../contract/comms/config-messages';
import { TripletSession, useSession } from './session';

/** A cell that names these globals gets TensorFlow.js loaded, and its backend ready, before it runs. */
const NAMES_TF = /\b(tf|triplet)\b/;

/** The library as one kernel sees it: its globals, and what the kernel's leak notice reads. */
export interface KernelBinding {
  /** This kernel's session: what `triplet.configure`, `fit` and `stop` act on in its cells. */
  readonly session: TripletSession;
  /** The `tf` global: TensorFlow.js on the chosen backend (triplet/backend), loaded on first call. */
  tf(): typeof TF;
  /** The `triplet` global: the library, acting on this kernel's session. */
  triplet(): typeof import('./index');
  /** Tensors held now; undefined until TensorFlow.js is loaded, so asking never loads it. */
  tensorMemory(): { numTensors: number; numBytes: number } | undefined;
  /** Removes the hooks and the comm target, and puts back the session that was in use before. */
  unbind(): void;
}

export interface BindOptions {
  /**
   * Runs a load that an interrupt must not cut short: TensorFlow.js runs module code for ~1 s,
   * and cut short it would leave half-initialised modules in Node's cache and every later `tf`
   * call failing until a restart (CellRuntimeOptions.uninterruptible). Default: runs it as is.
   */
  uninterruptible?: <T>(fn: () => T) => T;
}

const bindings = new WeakMap<KernelApi, KernelBinding>();

/**
 * Joins the library to the kernel it runs in, through the kernel's API only: a session of its
 * own (made the one the library's functions use), the `tripletlab.config` comm target through
 * which the editor reads and sets the configuration (loaded when the editor first opens it, so
 * binding stays cheap at kernel start), an `interrupt` hook that stops running training after
 * its current step (the model keeps its weights), and a `pre_run_cell` hook that readies
 * TensorFlow.js's backend for a cell that uses it. Calling it again for the same kernel returns
 * the existing binding.
 */
export function bindToKernel(kernel: KernelApi, options: BindOptions = {}): KernelBinding {
  const existing = bindings.get(kernel);
  if (existing) return existing;
  const uninterruptible = options.uninterruptible ?? ((fn) => fn());
  const session = new TripletSession(kernel);
  const restoreSession = useSession(session);
  let tf: typeof TF | undefined;
  let stopConfigComm: (() => void) | undefined;
  const loadTf = (): typeof TF => (tf ??= uninterruptible(() => (require('./backend') as typeof import('./backend')).loadTf()));

  kernel.comms.registerLazyTarget(CONFIG_COMM_TARGET, () => {
    stopConfigComm = (require('./config/config-comm') as typeof import('./config/config-comm')).serveConfigComm(kernel.comms, session);
  });
  const removeHooks = [
    // Only training of this session, and never loading anything: an interrupt must not load TensorFlow.js.
    kernel.hooks.on('interrupt', () => void session.runs.stop()),
    kernel.hooks.on('pre_run_cell', ({ code }) => (tf || NAMES_TF.test(code) ? backendReady(loadTf) : undefined)),
  ];

  const binding: KernelBinding = {
    session,
    tf: loadTf,
    triplet: () => uninterruptible(() => require('./index') as typeof import('./index')),
    tensorMemory() {
      if (!tf) return undefined;
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
    },
    unbind() {
      for (const remove of removeHooks) remove();
      if (stopConfigComm) stopConfigComm();
      else kernel.comms.unregisterTarget(CONFIG_COMM_TARGET);
      restoreSession();
      bindings.delete(kernel);
    },
  };
  bindings.set(kernel, binding);
  return binding;
}

/**
 * TensorFlow.js's wasm backend starts asynchronously; a cell should see the backend it will run
 * on. A backend that cannot load (TRIPLETLAB_BACKEND=tensorflow without tfjs-node) is left for the
 * cell's own use of `tf` to report.
 */
async function backendReady(loadTf: () => unknown): Promise<void> {
  try {
    loadTf();
    await (require('./backend') as typeof import('./backend')).ready();
  } catch {
    // reported by the cell that uses tf
  }
}
