/**
 * How the socket thread stops a running cell. The cell's code runs on the main thread under
 * Node's SIGINT watchdog (kernel/exec), so a SIGINT aborts synchronous code such as
 * `while (true) {}`; a pending `await` is settled by the main thread when it sees the
 * `interrupt` message. The signal is only sent while a cell runs, so a stray SIGINT never lands
 * on the kernel's own code.
 */
export function interruptMainThread(busy: Int32Array): void {
  if (Atomics.load(busy, 0) === 1) process.kill(process.pid, 'SIGINT');
}
