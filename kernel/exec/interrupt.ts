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
 * Not covered: a busy loop in code that runs after an `await` (a promise continuation is not
 * under the watchdog). `Runtime.terminateExecution` from the worker stops such a loop, but when it
 * lands inside one of Node's callback scopes Node aborts the whole process
 * (`InternalCallbackScope::Close: execution_async_id == 0` assertion), so it is not used.
 */
export const INTERRUPT_PROTOCOL = [
  "On interrupt_request, while a cell runs: process.kill(process.pid, 'SIGINT') from the socket worker,",
  'then post a message to the main thread that calls runtime.interrupt().',
  'A SIGINT stops synchronous cell code; interrupt() settles a cell that is waiting on a promise.',
].join(' ');
