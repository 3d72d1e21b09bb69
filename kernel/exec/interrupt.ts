/**
 * How an interrupt_request reaches a running cell. The socket thread (a worker) cannot call into
 * the main thread while a cell's synchronous code holds it, so:
 *
 * 1. The worker sends SIGINT to its own process (`process.kill(process.pid, 'SIGINT')`) while a
 *    cell runs. A cell's synchronous code runs under Node's SIGINT watchdog (vm `breakOnSigint`),
 *    which aborts it at once (`while (true) {}` included); what the cell declared before survives.
 *    When no cell code is running, the runtime's SIGINT listener takes the signal, so the kernel
 *    is never killed by it.
 * 2. The worker posts a message to the main thread, which calls `CellRuntime.interrupt()`: a cell
 *    waiting on a promise (`await sleep(60_000)`) is settled as `Interrupted` at once. The
 *    SIGINT listener calls it too, so either path alone is enough.
 *
 * 3. A busy loop in code that runs after an `await` is a promise continuation, outside the
 *    watchdog, and the main thread never reads the message. The socket thread notices that the
 *    message was not taken and stops the cell through the inspector where that is safe, or says
 *    in the cell why it cannot and that a restart will (kernel/server/stop-stuck-cell.ts).
 */
export const INTERRUPT_PROTOCOL = [
  "On interrupt_request, while a cell runs: process.kill(process.pid, 'SIGINT') from the socket worker,",
  'then post a message to the main thread that calls runtime.interrupt().',
  'A SIGINT stops synchronous cell code; interrupt() settles a cell that is waiting on a promise;',
  'a main thread that does not take the message within 250 ms is paused and terminated through the inspector when it is in cell code.',
].join(' ');
