/**
 * How the socket thread stops a running cell (kernel/exec/interrupt.ts has the whole protocol):
 * a SIGINT aborts synchronous cell code under Node's SIGINT watchdog, and the `interrupt`
 * message to the main thread settles a cell that waits on a promise. The signal is only sent
 * while a cell runs (`busy[0]` not BUSY.idle, set by the main thread around each execution), and
 * never during an uninterruptible step (the caller waits; see interruptMainThreadWhenSafe).
 */
export function interruptMainThread(busy: Int32Array): 'signalled' | 'idle' | 'uninterruptible' {
  // Marked before the signal is sent, so the main thread cannot enter an uninterruptible step
  // while the signal is on its way (see KernelServer.uninterruptible).
  const state = Atomics.compareExchange(busy, 0, BUSY.cell, BUSY.signalled);
  if (state === BUSY.idle) return 'idle';
  if (state === BUSY.uninterruptible) return 'uninterruptible';
  process.kill(process.pid, 'SIGINT');
  return 'signalled';
}

/** Values of the shared busy flag (worker-messages.ts). */
export const BUSY = {
  idle: 0,
  cell: 1,
  /** A cell runs, inside a step that a SIGINT would leave half done (loading TensorFlow.js). */
  uninterruptible: 2,
  /** A cell runs and a SIGINT has been sent to stop it. */
  signalled: 3,
} as const;

const SETTLE_POLL_MS = 10;

/**
 * As interruptMainThread, but first waits for an uninterruptible step to finish: a SIGINT in the
 * middle of `require('@tensorflow/tfjs')` leaves a half-initialised module in Node's cache and
 * every later `tf` call fails until a restart. Polls rather than blocking so the socket thread
 * keeps answering heartbeats meanwhile.
 */
export async function interruptMainThreadWhenSafe(busy: Int32Array): Promise<'signalled' | 'idle'> {
  for (;;) {
    const how = interruptMainThread(busy);
    if (how !== 'uninterruptible') return how;
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
  }
}
