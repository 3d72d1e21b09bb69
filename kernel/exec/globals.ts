import { dirname, join } from 'node:path';
import type { DisplayApi, KernelApi } from '../api';
import { KernelApiArgumentError } from './errors';
import type { ModuleLoader } from './module-loader';
import type { OutputRouter } from './output-router';
import { IMPORT_FN } from './rewrite-modules';

export interface CellGlobals {
  display: DisplayApi;
  kernel: KernelApi;
  loader: ModuleLoader;
  router: OutputRouter;
  /** Called once, the first time a cell touches `tf`. */
  onTfLoaded(): void;
  /** Runs a load that an interrupt must not cut short (CellRuntimeOptions.uninterruptible). */
  uninterruptible<T>(fn: () => T): T;
}

const TRIPLET_DIR = join(dirname(__dirname), 'triplet');

function requireIfPresent<T>(path: string): T | undefined {
  try {
    require.resolve(path);
  } catch {
    return undefined;
  }
  return require(path) as T;
}

function loadTf(): unknown {
  const backend = requireIfPresent<{ loadTf(): unknown }>(join(TRIPLET_DIR, 'backend'));
  return backend ? backend.loadTf() : require('@tensorflow/tfjs');
}

function loadTriplet(kernel: KernelApi): unknown {
  const lib = requireIfPresent<unknown>(TRIPLET_DIR);
  if (lib === undefined) throw new Error('triplet: the triplet library is not part of this kernel build; rebuild the kernel (npm run build) to include kernel/triplet');
  const binding = requireIfPresent<{ bindToKernel(k: KernelApi): unknown }>(join(TRIPLET_DIR, 'kernel-binding'));
  binding?.bindToKernel(kernel);
  return lib;
}

function define(name: string, value: unknown): void {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}

/** A global loaded on first read; assigning to it replaces it, as for any other global. */
function defineLazy(name: string, load: () => unknown): void {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get() {
      const value = load();
      define(name, value);
      return value;
    },
    set(value: unknown) {
      define(name, value);
    },
  });
}

export const GLOBAL_NAMES = ['display', 'input', 'kernel', 'require', 'tf', 'triplet', IMPORT_FN] as const;

/**
 * The names every cell sees. The kernel keeps its own references to these objects, so a cell
 * that shadows one (`const display = 1`) only changes what later cells see.
 */
export function installGlobals(g: CellGlobals): () => void {
  const previous = GLOBAL_NAMES.map((n) => [n, Object.getOwnPropertyDescriptor(globalThis, n)] as const);
  define('display', g.display);
  define('kernel', g.kernel);
  define('require', g.loader.require);
  define(IMPORT_FN, (spec: string) => g.loader.importModule(spec));
  define('input', (prompt: unknown = '', options?: { password?: boolean }) => {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new KernelApiArgumentError('input', 'options', 'must be an object', 'pass { password: true } to hide what is typed, or leave it out');
    }
    return g.router.input(String(prompt), options?.password === true);
  });
  // Loading TensorFlow.js runs module code for ~1 s; cut short by an interrupt, it would leave
  // half-initialised modules in Node's cache and every later `tf` call failing until a restart.
  defineLazy('tf', () =>
    g.uninterruptible(() => {
      const tf = loadTf();
      g.onTfLoaded();
      return tf;
    }),
  );
  defineLazy('triplet', () => g.uninterruptible(() => loadTriplet(g.kernel)));
  return () => {
    for (const [name, desc] of previous) {
      if (desc) Object.defineProperty(globalThis, name, desc);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  };
}
