/**
 * The cell runtime: runs TypeScript cells for the request server (kernel/server). The server
 * builds one `CellRuntime` per kernel and calls it on the main thread.
 */
export { CellRuntime, type CellRuntimeOptions } from './runtime';
export { INTERRUPT_PROTOCOL } from './interrupt';
export { loadTranspiler } from './transpile';
export { CellSyntaxError, InterruptedError, KernelApiArgumentError } from './errors';
export { JUPYTER_DISPLAY } from './format-result';
export type { Completeness } from './is-complete';
