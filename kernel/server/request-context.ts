import type { Worker } from 'node:worker_threads';
import type { OutputSink } from '../api';
import type { Message } from '../wire';
import type { ToSocketThread } from './worker-messages';

/**
 * A message's content as it arrived: the field names of its type in wire/messages.ts, each value
 * unchecked (a client may send anything), so a handler must check a value before using it.
 */
export type Unchecked<T> = { readonly [K in keyof T]?: unknown };

/**
 * Sends messages that belong to one request: replies go back on the request's channel, IOPub
 * messages carry its header as parent. Also the OutputSink that cells publish through.
 */
export class RequestContext implements OutputSink {
  private static nextInputId = 1;
  private static inputs = new Map<number, { resolve(v: string): void; reject(e: Error): void }>();

  constructor(
    private readonly worker: Worker,
    readonly msg: Message,
    readonly channel: 'shell' | 'control',
  ) {}

  get content(): Record<string, unknown> {
    return this.msg.content as Record<string, unknown>;
  }

  private held: ToSocketThread[] | undefined;

  private post(m: ToSocketThread): void {
    if (this.held) this.held.push(m);
    else this.worker.postMessage(m);
  }

  /**
   * Keeps this request's messages until `release`, then sends them in one crossing to the socket
   * thread: the messages around a cell (busy, execute_input; result, reply, idle) come in quick
   * bursts, and each crossing costs more than the send itself. Never held while user code runs,
   * so its output and display updates go out as they happen.
   */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const items = this.held;
    this.held = undefined;
    if (!items || items.length === 0) return;
    this.worker.postMessage(items.length === 1 ? items[0] : ({ type: 'batch', items } satisfies ToSocketThread));
  }

  reply(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>): void {
    this.post({ type: 'send', channel: this.channel, msgType, content, parent: this.msg.header, identities: this.msg.identities, metadata });
  }

  publish(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: Buffer[]): void {
    this.post({ type: 'send', channel: 'iopub', msgType, content, parent: this.msg.header, identities: [], metadata, buffers });
  }

  status(state: 'busy' | 'idle'): void {
    this.publish('status', { execution_state: state });
  }

  input(prompt: string, password: boolean): Promise<string> {
    if (this.content.allow_stdin !== true) {
      return Promise.reject(
        new Error('input(): this frontend does not accept input requests (allow_stdin is false). Run the cell from a client with stdin support, or pass the value in code instead.'),
      );
    }
    const id = RequestContext.nextInputId++;
    return new Promise((resolve, reject) => {
      RequestContext.inputs.set(id, { resolve, reject });
      this.post({ type: 'input', id, prompt, password, parent: this.msg.header, identities: this.msg.identities });
    });
  }

  static settleInput(id: number, value: string | Error): void {
    const p = RequestContext.inputs.get(id);
    if (!p) return;
    RequestContext.inputs.delete(id);
    if (value instanceof Error) p.reject(value);
    else p.resolve(value);
  }

  /** Rejects every pending input() (used on interrupt, like ipykernel raising KeyboardInterrupt in input()). */
  static abortInputs(reason: string): void {
    for (const [id, p] of RequestContext.inputs) {
      RequestContext.inputs.delete(id);
      p.reject(new Error(reason));
    }
  }
}
