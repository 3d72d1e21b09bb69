import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** Where the type service finds the kernel's own typings, independent of the notebook's folder. */
export interface KernelPaths {
  /** Folder holding the kernel's `node_modules` (bare imports fall back to it). */
  root: string;
  /** `node_modules/@types` of the kernel: `@types/node` comes from here, not from the notebook's folder. */
  typeRoot: string;
  /** Module path (no extension) of the shared contracts, `kernel/api` (source) or `out/kernel/api` (compiled). */
  api: string;
  /** Package folder of `@tensorflow/tfjs`. */
  tfjs: string;
  /** Module path of the triplet library's index, or `undefined` while it does not exist (then `triplet: any`). */
  triplet: string | undefined;
}

/** Finds the kernel's typings from this file's location, so the source tree and `out/` both work. */
export function kernelPaths(tripletOverride?: string): KernelPaths {
  const nodeTypes = path.dirname(require.resolve('@types/node/package.json'));
  const typeRoot = path.dirname(nodeTypes);
  const here = __dirname;
  const triplet = tripletOverride ?? path.resolve(here, '..', 'triplet', 'index');
  return {
    root: path.dirname(path.dirname(typeRoot)),
    typeRoot,
    api: path.resolve(here, '..', 'api'),
    tfjs: path.dirname(require.resolve('@tensorflow/tfjs/package.json')),
    triplet: moduleExists(triplet) ? triplet : undefined,
  };
}

function moduleExists(modulePath: string): boolean {
  return ['.ts', '.d.ts'].some((ext) => fs.existsSync(modulePath + ext)) || fs.existsSync(path.join(modulePath, 'index.ts'));
}

/**
 * Options for checking notebook cells. `strict` stays on (null checks catch real notebook bugs), but
 * `noImplicitAny` is off: notebooks are exploratory, `function f(x) {…}` is common there, and with it
 * on every import of an npm package without typings would fail (TS7016) although it runs fine.
 * `module: esnext` + `target: es2022` allow top-level await as the REPL does. No DOM lib: cells run
 * in Node; tfjs's typings name some DOM types, hence `skipLibCheck`.
 */
export function compilerOptions(paths: KernelPaths): ts.CompilerOptions {
  return {
    strict: true,
    noImplicitAny: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [paths.typeRoot],
    skipLibCheck: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    resolveJsonModule: true,
    noErrorTruncation: true,
    allowJs: false,
  };
}

/** Text of the fixed prelude: the globals the kernel gives every cell (see kernel/api.ts). */
export function globalsText(paths: KernelPaths): string {
  const spec = (p: string) => JSON.stringify(p.split(path.sep).join('/'));
  const triplet = paths.triplet ? `typeof import(${spec(paths.triplet)})` : 'any';
  return [
    `import type { DisplayApi as __DisplayApi, KernelApi as __KernelApi } from ${spec(paths.api)};`,
    // A namespace alias, not just a value: cells name tfjs types too (`model: tf.LayersModel`).
    // `import x = require()` rather than `import * as x`: with esModuleInterop, every fresh checker
    // resolves a namespace import's whole module type (all of tfjs's exports) to look for call
    // signatures, the first time a cell's types reach `tf`. That made a completion on a tensor
    // ~2x slower (93-109 ms against 43-64 ms, paired, same diagnostics).
    `import __tf = require(${spec(paths.tfjs)});`,
    'declare global {',
    '  /** Shows a value, or a MIME bundle, below the cell; returns a handle to update it in place. */',
    '  const display: __DisplayApi;',
    '  /** The kernel this notebook runs in: display, post-run hooks, comms, type-checking mode. */',
    '  const kernel: __KernelApi;',
    '  /** Asks the notebook user for a line of text (Jupyter stdin channel). */',
    '  function input(prompt: string, opts?: { password?: boolean }): Promise<string>;',
    '  /** TensorFlow.js (@tensorflow/tfjs). */',
    '  export import tf = __tf;',
    '  /** Triplet-network metric-learning helpers. */',
    `  const triplet: ${triplet};`,
    '}',
    'export {};',
    '',
  ].join('\n');
}
