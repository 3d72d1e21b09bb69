/**
 * The shared memory one training worker and the kernel's thread exchange a step through, and the
 * states of that exchange. Everything per step crosses as SharedArrayBuffer writes plus an
 * Atomics notify: no message passing, no copies beyond the values themselves.
 */
export const State = {
  idle: 0,
  /** Kernel → worker: rows and weights are written; run the forward pass. */
  step: 1,
  /** Worker → kernel: the shard's embeddings are written. */
  embedded: 2,
  /** Kernel → worker: dL/d(embeddings) is written; run the backward pass. */
  backward: 3,
  /** Worker → kernel: the shard's weight gradients are written. */
  done: 4,
  /** Kernel → worker: leave the step loop (to take a new model or data). */
  leave: 5,
  /** Worker → kernel: the step failed; the message follows on the port. */
  failed: 6,
} as const;

/** Control words: state, number of rows in this step's shard. */
export const CONTROL = { state: 0, rows: 1, size: 2 } as const;

export interface ShardBuffers {
  control: SharedArrayBuffer;
  rows: SharedArrayBuffer;
  embeddings: SharedArrayBuffer;
  gradOut: SharedArrayBuffer;
  grads: SharedArrayBuffer;
}

export function shardBuffers(maxRows: number, embeddingSize: number, parameters: number): ShardBuffers {
  return {
    control: new SharedArrayBuffer(CONTROL.size * 4),
    rows: new SharedArrayBuffer(maxRows * 4),
    embeddings: new SharedArrayBuffer(maxRows * embeddingSize * 4),
    gradOut: new SharedArrayBuffer(maxRows * embeddingSize * 4),
    grads: new SharedArrayBuffer(parameters * 4),
  };
}

/**
 * Waits until `control[state]` holds one of `wanted`, sleeping on whatever value it holds now
 * (in `sliceMs` slices, so a thread blocked here can still be terminated). Each side waits for
 * the exact state the other answers with, never for "anything but mine": a wake-up that comes
 * without the expected answer sends the thread back to sleep instead of on with stale buffers.
 * Between slices, `alive()` is asked, and after `patienceMs` without the answer the wait ends
 * with an error naming `what`, so a worker that stopped answering fails the step instead of
 * hanging the kernel.
 */
export function waitFor(control: Int32Array, wanted: readonly number[], what: string, opts: { alive?: () => boolean; sliceMs?: number; patienceMs?: number } = {}): number {
  const { alive = () => true, sliceMs = 1000, patienceMs = Infinity } = opts;
  const started = Date.now();
  for (;;) {
    const now = Atomics.load(control, CONTROL.state);
    if (wanted.includes(now)) return now;
    Atomics.wait(control, CONTROL.state, now, sliceMs);
    if (!alive()) throw new Error(`a training worker stopped while ${what}`);
    if (Date.now() - started > patienceMs) {
      throw new Error(`a training worker gave no answer for ${Math.round(patienceMs / 1000)} s while ${what}; fit again with threads: 1 to train on the kernel's thread`);
    }
  }
}

export function setState(control: Int32Array, state: number): void {
  Atomics.store(control, CONTROL.state, state);
  Atomics.notify(control, CONTROL.state);
}
