import { createRequire, isBuiltin } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';

/**
 * Resolves `require` and `import` from the notebook's folder, as if the cell were a file there.
 * ESM-only packages need the ESM loader: code evaluated through the inspector has no dynamic
 * import host callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so `import()` lives here, in a
 * script compiled with the main context's default loader and a referrer inside `cwd`.
 */
export interface ModuleLoader {
  readonly require: NodeJS.Require;
  /** The module namespace for `spec`, the way `await import(spec)` would give it. */
  importModule(spec: string): Promise<Record<string, unknown>>;
}

type DynamicImport = (spec: string) => Promise<Record<string, unknown>>;

/** Runs `fn` with Node's one-off "USE_MAIN_CONTEXT_DEFAULT_LOADER is experimental" warning (Node 20) filtered out of the cell's output. */
function withoutLoaderWarning<T>(fn: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
    (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return fn();
  } finally {
    process.emitWarning = emit;
  }
}

function compileImporter(referrer: string): DynamicImport {
  const script = new vm.Script('(spec) => import(spec)', {
    filename: referrer,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  return script.runInThisContext() as DynamicImport;
}

function isEsmFile(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

/** CommonJS exports as an ES namespace: `default` is module.exports unless it was compiled from ESM. */
export function namespaceOf(exports: unknown): Record<string, unknown> {
  if (exports !== null && typeof exports === 'object' && Object.prototype.toString.call(exports) === '[object Module]') {
    return exports as Record<string, unknown>;
  }
  if (exports !== null && (typeof exports === 'object' || typeof exports === 'function')) {
    const e = exports as Record<string, unknown>;
    if (e.__esModule === true) return e;
    return new Proxy(e, {
      get: (target, key) => (key === 'default' ? target : Reflect.get(target, key)),
      has: (target, key) => key === 'default' || Reflect.has(target, key),
    });
  }
  return { default: exports };
}

export function createModuleLoader(cwd: string): ModuleLoader {
  const referrer = join(cwd, 'notebook.js');
  const req = createRequire(referrer);
  let importer: DynamicImport | undefined;
  const dynamicImport = (spec: string) => withoutLoaderWarning(() => (importer ??= compileImporter(referrer))(spec));

  async function importModule(spec: string): Promise<Record<string, unknown>> {
    if (typeof spec !== 'string' || spec === '') {
      throw new TypeError(`import: the module specifier must be a non-empty string, got ${String(spec)}; write import x from 'package'`);
    }
    if (isBuiltin(spec)) return namespaceOf(req(spec));
    let resolved: string;
    try {
      resolved = req.resolve(spec);
    } catch (err) {
      const code = (err as { code?: string }).code;
      // An ESM-only package whose "exports" has no "require" condition is not resolvable by require.
      if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || code === 'MODULE_NOT_FOUND') {
        try {
          return await dynamicImport(spec);
        } catch {
          throw err;
        }
      }
      throw err;
    }
    if (isEsmFile(resolved)) return dynamicImport(pathToFileURL(resolved).href);
    return namespaceOf(req(resolved));
  }

  return { require: req, importModule };
}
