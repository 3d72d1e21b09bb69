/**
 * The hand-off between a t-SNE layout and its helper threads: a few Int32 words in a
 * SharedArrayBuffer, read and written with Atomics. The layout's thread posts a command (the
 * chunk counters reset and tagged with the command's number, then COMMAND, then SEQ) and takes
 * chunks itself; helpers that are awake take chunks too. The layout's thread then waits only
 * for chunks that were taken and not yet finished (COMPLETED), never for a helper that is
 * asleep or descheduled, so a busy machine costs at most one chunk's wait per command. A helper
 * that wakes late finds the counters tagged with a newer command and takes nothing from them.
 */
export const SEQ = 0;
export const COMMAND = 1;
/** Chunk counter (tagged) for the repulsion, the affinities and the candidate pairs. */
export const NEXT_CHUNK = 2;
/** Set by a helper that failed; it posts the error on its port first. */
export const FAILED = 3;
/** Generation of the buffers last posted to the helpers (they read them with receiveMessageOnPort). */
export const BUFFERS = 4;
/** Helpers that have started (each adds 1 when its module has loaded). */
export const STARTED = 5;
/** The SEQ whose tree is built: the repulsion may start. */
export const TREE_READY = 6;
/** Chunk counter (tagged) for the attraction. */
export const NEXT_ATTRACT_CHUNK = 7;
/** Chunks of the current command finished, by any thread. */
export const COMPLETED = 8;
/** 1 while the layout's thread sleeps on COMPLETED: a helper that finishes a chunk wakes it. */
export const WAITING = 9;
const WORDS = 10;

export const enum Command {
  /**
   * One iteration's forces: the helpers take attraction chunks while the layout's thread builds
   * the tree; once it is built (TREE_READY) every thread takes attraction chunks, then repulsion
   * chunks, until none is left.
   */
  Forces = 1,
  /** Rows of the input affinities (perplexity bisection). */
  Affinities = 2,
  /** Rows of NN-descent's candidate pairs. */
  Pairs = 3,
  Stop = 4,
}

/** A counter word holds the command's tag (its SEQ, modulo 2¹¹) above a 20-bit chunk number. */
const CHUNK_BITS = 20;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

export function controlWords(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * WORDS));
}

export function tagged(seq: number): number {
  return (seq & 0x7ff) << CHUNK_BITS;
}

/**
 * Takes the next chunk number of command `seq` from counter `index`, or −1 once the counter
 * belongs to a newer command. Past the last chunk it keeps counting; callers stop there.
 */
export function takeChunk(control: Int32Array, index: number, seq: number): number {
  const tag = tagged(seq);
  for (;;) {
    const word = Atomics.load(control, index);
    if ((word & ~CHUNK_MASK) !== tag || (word & CHUNK_MASK) === CHUNK_MASK) return -1;
    if (Atomics.compareExchange(control, index, word, word + 1) === word) return word & CHUNK_MASK;
  }
}

/** Counts a finished chunk and wakes the layout's thread if it sleeps on the count. */
export function completeChunk(control: Int32Array): void {
  Atomics.add(control, COMPLETED, 1);
  if (Atomics.load(control, WAITING) !== 0) Atomics.notify(control, COMPLETED);
}

/** A thread's view of one command's chunks: `take` gives chunk numbers (−1: none left), `done` counts one finished. */
export interface ChunkSource {
  take(): number;
  done(): void;
}

/**
 * Blocks until control[index] === value (or, with `atLeast`, ≥ value). Spins briefly first (a
 * hand-off usually comes within microseconds; waking from Atomics.wait costs tens), then
 * sleeps, calling `check` after each sleep (it throws to give up, e.g. when a thread failed).
 */
export function awaitValue(control: Int32Array, index: number, value: number, check: () => void, atLeast = false): void {
  for (let spins = 0; ; spins++) {
    const now = Atomics.load(control, index);
    if (now === value || (atLeast && now > value)) return;
    if (spins > SPINS) {
      Atomics.wait(control, index, now, 100);
      check();
    }
  }
}

/**
 * Blocks until COMPLETED reaches `chunks`, as awaitValue. Before sleeping it sets WAITING and
 * looks again: a helper adds to COMPLETED, then reads WAITING, so a chunk finished after that
 * look is either seen by Atomics.wait's own comparison or followed by a notify.
 */
export function awaitCompleted(control: Int32Array, chunks: number, check: () => void): void {
  for (let spins = 0; ; spins++) {
    if (Atomics.load(control, COMPLETED) === chunks) return;
    if (spins > SPINS) {
      Atomics.store(control, WAITING, 1);
      const now = Atomics.load(control, COMPLETED);
      if (now !== chunks) Atomics.wait(control, COMPLETED, now, 100);
      Atomics.store(control, WAITING, 0);
      check();
    }
  }
}

const SPINS = 2000;
