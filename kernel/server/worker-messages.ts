/**
 * Messages between the kernel's main thread (which runs cells) and its socket thread (which owns
 * the ZeroMQ sockets, so heartbeat, control and interrupts keep working while a cell is busy).
 * Tagged unions; Buffers cross the thread boundary as Uint8Arrays.
 */
import type { Header, Message } from '../wire';

/** A decoded message as it crosses threads (structured clone turns Buffers into Uint8Arrays). */
export interface PortableMessage {
  identities: Uint8Array[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Uint8Array[];
}

export type ToSocketThread =
  | {
      type: 'send';
      channel: 'shell' | 'control' | 'iopub';
      msgType: string;
      content: Record<string, unknown>;
      parent: Header | Record<string, never>;
      identities: Uint8Array[];
      metadata?: Record<string, unknown>;
      buffers?: Uint8Array[];
    }
  | { type: 'input'; id: number; prompt: string; password: boolean; parent: Header | Record<string, never>; identities: Uint8Array[] }
  /** Several of the above in order, in one crossing (each postMessage costs ~0.1 ms here). */
  | { type: 'batch'; items: ToSocketThread[] }
  /** Hand over every request already received, then answer `requests-flushed` (stop-on-error.ts). */
  | { type: 'flush-requests' }
  | { type: 'close' };

export type FromSocketThread =
  | { type: 'ready'; ports: Record<string, number> }
  | { type: 'fatal'; message: string; code: number }
  | { type: 'request'; channel: 'shell' | 'control'; msg: PortableMessage }
  | { type: 'input-reply'; id: number; value: string }
  | { type: 'input-error'; id: number; message: string }
  | { type: 'interrupt' }
  /** The process that launched the kernel is gone (parent-watch.ts): the kernel should end. */
  | { type: 'parent-exited'; why: string }
  | { type: 'requests-flushed' }
  | { type: 'log'; text: string };

/** Data given to the socket thread when it starts. */
export interface SocketThreadData {
  connection: import('../wire').ConnectionInfo;
  session: string;
  kernelInfo: Record<string, unknown>;
  /**
   * Shared flag (interrupt.ts BUSY): 1 while a cell runs on the main thread (interrupt signals are
   * only sent then), 2 while it is in a step a signal must not cut short, 3 once a signal is sent.
   */
  busy: SharedArrayBuffer;
  /** Shared counter: interrupt messages the main thread has taken (stop-stuck-cell.ts tells a stuck cell by it). */
  interrupts: SharedArrayBuffer;
  /** Shared flag: set to 1 by the socket thread once its sockets are closed (or never opened). */
  closed: SharedArrayBuffer;
  debug: boolean;
  /** `JPY_PARENT_PID`: the kernel ends when this process does. */
  parentPid?: number;
  /** The launcher's folder for this kernel (connection file), removed if the launcher dies first. */
  ownedDir?: string;
}

export function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

export function fromPortable(m: PortableMessage): Message {
  return {
    identities: m.identities.map(toBuffer),
    header: m.header,
    parent_header: m.parent_header,
    metadata: m.metadata,
    content: m.content,
    buffers: m.buffers.map(toBuffer),
  };
}
