/**
 * The hand-off between a t-SNE layout and its helper threads: an Int32Array over a
 * SharedArrayBuffer, read and written with Atomics. The layout's thread posts a command (its
 * number in COMMAND, then a new SEQ); each helper runs it and stores SEQ into its DONE slot.
 */
export const SEQ = 0;
export const COMMAND = 1;
/** The next chunk of points nobody has taken, for the repulsion or the affinities (Atomics.add). */
export const NEXT_CHUNK = 2;
/** The next chunk of points nobody has taken for the attraction. */
export const NEXT_ATTRACT_CHUNK = 7;
/** Set by a helper that failed; it posts the error on its port first. */
export const FAILED = 3;
/** Generation of the buffers last posted to the helpers (they read them with receiveMessageOnPort). */
export const BUFFERS = 4;
/** The SEQ whose tree is built: the repulsion may start. */
export const TREE_READY = 6;
/** Helpers that have started (each adds 1 when its module has loaded). */
export const STARTED = 5;
/** DONE + h: the last SEQ helper h finished. */
export const DONE = 8;

export const enum Command {
  /**
   * One iteration's forces: the helpers take attraction chunks while the layout's thread builds
   * the tree; once it is built (TREE_READY) every thread takes attraction chunks, then repulsion
   * chunks, until none is left.
   */
  Forces = 1,
  /** Every thread: rows of the input affinities (perplexity bisection) until none is left. */
  Affinities = 2,
  Stop = 3,
}

export function controlWords(helpers: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (DONE + helpers)));
}

/**
 * Blocks until control[index] === value. Spins briefly first (a hand-off usually comes within
 * microseconds, and waking from Atomics.wait costs tens), then sleeps, calling `check` after
 * each sleep (it throws to give up, e.g. when a thread failed).
 */
export function awaitValue(control: Int32Array, index: number, value: number, check: () => void): void {
  for (let spins = 0; ; spins++) {
    const now = Atomics.load(control, index);
    if (now === value) return;
    if (spins > SPINS) {
      Atomics.wait(control, index, now, 100);
      check();
    }
  }
}

const SPINS = 2000;
