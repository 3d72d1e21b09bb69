/**
 * The kernel's type service: TypeScript diagnostics, completion and inspection for notebook
 * cells, aware of every earlier cell, running in its own worker thread. Importing this module
 * does not load TypeScript; `TypeService.start` does, in the worker.
 */
export { TypeService } from './service';
export { TypeServiceError } from './errors';
export { formatDiagnostics } from './format';
export type { WorkerStats as TypeServiceStats } from './protocol';
