import { activeSession } from '../session';

/** Where a long computation reports how far it is: a phase name, and units done of a total. */
export interface WorkProgress {
  phase: string;
  done: number;
  total: number;
}

export interface PacerOptions {
  /** Aborting it ends the work at its next check. */
  signal?: AbortSignal;
  /** Called at most every `everyMs` (and once at the end of each phase) with the position. */
  onProgress?: (p: WorkProgress) => void;
  /** Longest stretch of work between yields to the event loop (default 50 ms). */
  sliceMs?: number;
}

export interface Pacer {
  /** True once the signal aborted or `triplet.stop()` was called. */
  readonly stopped: boolean;
  /** Reports progress (throttled) and yields to the event loop when the current slice is used up. */
  tick(p: WorkProgress): Promise<void> | undefined;
  /** Reports the final position of a phase, unthrottled. */
  finish(p: WorkProgress): void;
  /** Leaves the registry `triplet.stop()` reaches. */
  end(): void;
}

const PROGRESS_EVERY_MS = 250;

/**
 * Lets a long loop on the kernel's thread stay interruptible: it yields (setImmediate) after
 * every `sliceMs` of work, so the kernel's interrupt, comm messages and `triplet.stop()` land
 * within a slice, and it reports progress at most every 250 ms. Registered like a `fit` run, so
 * `triplet.stop()` ends it too.
 */
export function pacer(options: PacerOptions = {}): Pacer {
  const run = activeSession().runs.start();
  const slice = options.sliceMs ?? 50;
  let sliceStart = performance.now();
  let lastReport = -Infinity;
  return {
    get stopped() {
      return run.stopped || options.signal?.aborted === true;
    },
    tick(p) {
      const now = performance.now();
      if (options.onProgress && now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        options.onProgress(p);
      }
      if (now - sliceStart < slice) return undefined;
      return new Promise<void>((resolve) => setImmediate(() => {
        sliceStart = performance.now();
        resolve();
      }));
    },
    finish(p) {
      options.onProgress?.(p);
    },
    end() {
      run.end();
    },
  };
}
