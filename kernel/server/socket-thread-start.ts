import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { ConnectionInfo } from '../wire/connection';
import { startWorker } from '../worker-thread';
import { kernelInfoContent } from './kernel-info';
import type { SocketThreadData } from './worker-messages';

/** The socket thread and what it was started with (its busy flag is shared with the main thread). */
export interface SocketThread {
  worker: Worker;
  data: SocketThreadData;
}

/**
 * Starts the socket thread. A worker thread takes ~60 ms to boot here, the longest step of
 * start-up, so the CLI calls this before it loads the rest of the kernel (light imports only).
 */
export function startSocketThread(connection: ConnectionInfo, debug: boolean, lifecycle: Pick<SocketThreadData, 'parentPid' | 'ownedDir'> = {}): SocketThread {
  const data: SocketThreadData = {
    connection,
    session: randomUUID(),
    kernelInfo: kernelInfoContent(),
    busy: new SharedArrayBuffer(4),
    interrupts: new SharedArrayBuffer(4),
    closed: new SharedArrayBuffer(4),
    debug,
    ...lifecycle,
  };
  const worker = startWorker(__filename, 'socket-thread', { workerData: data });
  return { worker, data };
}
