/**
 * How an interrupt_request reaches a running cell. The socket thread (a worker) cannot call into
 * the main thread while a cell's synchronous code holds it, so:
 *
 * 1. The worker sends SIGINT to its own process (`process.kill(process.pid, 'SIGINT')`) while a
 *    cell runs. A cell's synchronous code runs under Node's SIGINT watchdog (vm `breakOnSigint`),
 *    which aborts it at once (`while (true) {}` included); the variables it declared before
 *    survive. When no code is running, the runtime's SIGINT listener takes the signal, so the
 *    kernel is never killed by it.
 * 2. The worker posts a message to the main thread, which calls `CellRuntime.interrupt()`: a cell
 *    waiting on a promise (`await sleep(60_000)`) is settled as `Interrupted` at once. The
 *    SIGINT listener calls it too, so either path alone is enough.
 * 3. Optional, for a busy loop that runs after an `await` (a promise continuation is not under
 *    the watchdog): the worker calls `escalateInterrupt` with `CellRuntime.interruptAcks`; if the
 *    main thread has not taken the SIGINT within the grace period it is stuck in JavaScript, and
 *    the worker stops it with the inspector's `Runtime.terminateExecution`.
 */
export const INTERRUPT_PROTOCOL = [
  "On interrupt_request, while a cell runs: process.kill(process.pid, 'SIGINT') from the socket worker,",
  'then post a message to the main thread that calls runtime.interrupt().',
  'Optionally call escalateInterrupt(new Int32Array(runtime.interruptAcks)) from kernel/exec/interrupt-escalation in the worker',
  'right after the SIGINT, to also stop busy loops that run after an await.',
].join(' ');

/** Slots of the shared Int32Array `CellRuntime.interruptAcks`. */
export const ACK_COUNT = 0;
export const CELL_RUNNING = 1;

/** Counts a SIGINT the main thread has seen (by the watchdog or by its listener). */
export function acknowledge(acks: Int32Array): void {
  Atomics.add(acks, ACK_COUNT, 1);
}
