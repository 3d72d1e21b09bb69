/**
 * How the socket thread stops a running cell (kernel/exec/interrupt.ts has the whole protocol):
 * a SIGINT aborts synchronous cell code under Node's SIGINT watchdog, and the `interrupt`
 * message to the main thread settles a cell that waits on a promise. The signal is only sent
 * while a cell runs (`busy[0] === 1`, set by the main thread around each execution).
 */
export function interruptMainThread(busy: Int32Array): 'signalled' | 'idle' {
  if (Atomics.load(busy, 0) !== 1) return 'idle';
  process.kill(process.pid, 'SIGINT');
  return 'signalled';
}
