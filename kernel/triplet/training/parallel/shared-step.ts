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
 * Waits until `control[state]` leaves `from`, in slices so that a worker that died is noticed;
 * returns the new state. `alive()` is asked between slices.
 */
export function waitWhile(control: Int32Array, from: number, alive: () => boolean, what: string): number {
  for (;;) {
    const r = Atomics.wait(control, CONTROL.state, from, 1000);
    const now = Atomics.load(control, CONTROL.state);
    if (r !== 'timed-out' || now !== from) return now;
    if (!alive()) throw new Error(`a training worker stopped while ${what}`);
  }
}

export function setState(control: Int32Array, state: number): void {
  Atomics.store(control, CONTROL.state, state);
  Atomics.notify(control, CONTROL.state);
}
