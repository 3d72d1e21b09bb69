/**
 * Serialises sends on one ZeroMQ socket. zeromq.js v6 rejects a send while the previous one is
 * still pending ("Socket is busy writing"), so every send waits for the one before it.
 */
export class SendQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly socket: { send(frames: Buffer[]): Promise<void> }) {}

  send(frames: Buffer[]): Promise<void> {
    const next = this.tail.then(() => this.socket.send(frames));
    // A failed send must not block the ones queued after it; the caller still sees the failure.
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves when everything queued so far has been handed to ZeroMQ. */
  drain(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
