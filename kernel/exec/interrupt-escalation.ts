import { Session } from 'node:inspector';
import { ACK_COUNT, CELL_RUNNING } from './interrupt';

let session: Session | undefined;

/**
 * Worker side of step 3 in interrupt.ts. Call it right after sending SIGINT, with the counter
 * read before the signal. `Runtime.terminateExecution` is only safe while user code holds the main
 * thread (anywhere else it would abort the kernel's own next callback), hence the checks: a cell
 * is running and the main thread did not acknowledge the SIGINT, which it does within
 * microseconds whenever its event loop is free. Resolves to what was done.
 */
export function escalateInterrupt(acks: Int32Array, acksBefore: number, graceMs = 300): Promise<'acknowledged' | 'idle' | 'terminated'> {
  return new Promise((resolve) => {
    setTimeout(() => {
      if (Atomics.load(acks, ACK_COUNT) !== acksBefore) return resolve('acknowledged');
      if (Atomics.load(acks, CELL_RUNNING) !== 1) return resolve('idle');
      if (!session) {
        session = new Session();
        session.connectToMainThread();
      }
      session.post('Runtime.terminateExecution');
      resolve('terminated');
    }, graceMs);
  });
}
