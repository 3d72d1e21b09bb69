/** Messages between the TypeService proxy (main thread) and its worker. Types only. */

export interface WorkerOptions {
  cwd: string;
  tripletPath?: string;
}

export type Request =
  | { id: number; op: 'check'; cellId: string; code: string }
  | { id: number; op: 'commit'; cellId: string; code: string }
  | { id: number; op: 'complete'; code: string; cursorPos: number }
  | { id: number; op: 'inspect'; code: string; cursorPos: number; detailLevel: 0 | 1 }
  | { id: number; op: 'stats' };

/** What the worker's memory and notebook model hold (benchmarks read it). */
export interface WorkerStats {
  /** Resident memory of the whole kernel process (threads share it). */
  processRssBytes: number;
  /** The worker's own V8 heap: used and reserved. */
  heapUsedBytes: number;
  heapTotalBytes: number;
  names: number;
  liveCommits: number;
  priorChars: number;
}

/** Result of a `check`: the diagnostics and the model version they hold for. */
export interface CheckResult {
  diagnostics: import('../api').CellDiagnostic[];
  version: number;
}

export type Reply =
  | { type: 'ready'; loadMs: number; warmMs: number }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string };
