/**
 * Messages on the `tripletlab.types` comm, through which an editor asks the kernel's type service
 * for a cell's diagnostics before it runs (Jupyter has complete_request and inspect_request but no
 * request for diagnostics). Types only, so the extension can import them without TypeScript.
 */
import type { CellDiagnostic } from '../api';

export const TYPES_COMM_TARGET = 'tripletlab.types';

/** Editor → kernel: check `code` as the next cell, after every cell run so far. */
export interface TypesCheckRequest {
  type: 'check';
  /** Chosen by the editor; the reply carries it back. */
  id: number;
  code: string;
}

/** Kernel → editor. `checked: false` when type checking is off in the kernel (`kernel.typecheck = 'off'`). */
export type TypesReply =
  | { type: 'diagnostics'; id: number; checked: boolean; diagnostics: CellDiagnostic[] }
  | { type: 'error'; id?: number; message: string };
