/**
 * `stop_on_error` ("Execute", messaging spec), as ipykernel does it: after a cell fails, the
 * execute requests sent before its error reply are aborted, and those sent after run. A request
 * may still be on its way through the socket thread when the cell fails, so the kernel aborts
 * everything that arrives until the socket thread confirms it has handed over all it had
 * received (`flushSocketThread` → `flushed`); requests are then aborted by arrival number. The
 * socket thread sends the failed cell's reply only after that, so what a client sends on seeing
 * it is never caught by the abort.
 * Aborted requests are answered when their turn in the queue comes, so replies stay in order.
 */
export class StopOnError {
  private received = 0;
  private abortThrough = 0;
  private readonly arrival = new WeakMap<object, number>();

  constructor(private readonly flushSocketThread: () => void) {}

  /** Numbers each request as it arrives from the socket thread. */
  arrived(request: object): void {
    this.arrival.set(request, ++this.received);
  }

  /** A cell failed with stop_on_error: abort what is queued or on its way. */
  failed(): void {
    this.abortThrough = Infinity;
    this.flushSocketThread();
  }

  /** The socket thread has handed over every request it had received when failed() asked. */
  flushed(): void {
    if (this.abortThrough === Infinity) this.abortThrough = this.received;
  }

  shouldAbort(request: object): boolean {
    const n = this.arrival.get(request);
    return n !== undefined && n <= this.abortThrough;
  }
}
