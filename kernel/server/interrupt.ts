import { escalateInterrupt } from '../exec/interrupt-escalation';
import { ACK_COUNT, CELL_RUNNING } from '../exec/interrupt';

/**
 * How the socket thread stops a running cell (kernel/exec/interrupt.ts has the whole protocol):
 * a SIGINT aborts synchronous cell code under Node's SIGINT watchdog; if the main thread has not
 * acknowledged it shortly after (a busy loop that runs after an `await` is not under the
 * watchdog), the inspector's terminateExecution stops it. Nothing is sent when no cell runs, so
 * a stray interrupt never lands on the kernel's own code.
 */
export async function interruptMainThread(acks: Int32Array): Promise<string> {
  if (Atomics.load(acks, CELL_RUNNING) !== 1) return 'idle';
  const before = Atomics.load(acks, ACK_COUNT);
  process.kill(process.pid, 'SIGINT');
  return escalateInterrupt(acks, before);
}
