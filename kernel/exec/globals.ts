import type { DisplayApi, KernelApi } from '../api';
import type { KernelBinding } from '../triplet/kernel-binding';
import { KernelApiArgumentError } from './errors';
import type { ModuleLoader } from './module-loader';
import type { OutputRouter } from './output-router';
import { IMPORT_FN } from './rewrite-modules';

export interface CellGlobals {
  display: DisplayApi;
  kernel: KernelApi;
  loader: ModuleLoader;
  router: OutputRouter;
  /** Loads the `tf` and `triplet` globals (each load already held safe from interrupts). */
  library: Pick<KernelBinding, 'tf' | 'triplet'>;
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
  defineLazy('tf', () => g.library.tf());
  defineLazy('triplet', () => g.library.triplet());
  return () => {
    for (const [name, desc] of previous) {
      if (desc) Object.defineProperty(globalThis, name, desc);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  };
}
