import type { OutputSink } from '../api';
import { oversizedOutput, rateLimitFrom, StreamRateLimit } from './output-limits';

export type StreamName = 'stdout' | 'stderr';

/** Stream text is sent at the end of a cell or after this long, whichever is first. */
export const STREAM_FLUSH_MS = 20;
const MAX_PENDING_CHARS = 1 << 20;

/**
 * Where a cell's output goes. Output from promises still running after their cell ended goes
 * to the most recent cell's sink, as ipykernel does; a timer's goes to the cell that set it
 * (cell-timers.ts). Stream text is batched so a
 * loop of 10,000 `console.log`s makes a handful of `stream` messages, and is flushed before any
 * other message so the frontend shows everything in the order it was produced.
 */
export class OutputRouter {
  private sink: OutputSink | undefined;
  private pendingName: StreamName = 'stdout';
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  private readonly limit: StreamRateLimit;

  constructor(
    private readonly fallback: (name: StreamName, text: string) => void,
    bytesPerSecond = rateLimitFrom(process.env),
  ) {
    this.limit = new StreamRateLimit(bytesPerSecond);
  }

  get current(): OutputSink | undefined {
    return this.sink;
  }

  setSink(sink: OutputSink): void {
    if (sink === this.sink) return;
    this.flush();
    this.reportDropped();
    this.sink = sink;
  }

  /** Runs `fn` with output going to `sink`, then back to the sink before (cell-timers.ts). */
  within<T>(sink: OutputSink, fn: () => T): T {
    const before = this.sink;
    if (sink === before) return fn();
    this.setSink(sink);
    try {
      return fn();
    } finally {
      if (before && this.sink === sink) this.setSink(before);
    }
  }

  write(name: StreamName, text: string): void {
    if (text === '') return;
    if (!this.sink) {
      this.fallback(name, text);
      return;
    }
    if (this.pending !== '' && name !== this.pendingName) this.flush();
    this.pendingName = name;
    this.pending += text;
    if (this.pending.length >= MAX_PENDING_CHARS) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), STREAM_FLUSH_MS);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending === '') return;
    const { before, text, after } = this.limit.admit(this.pending);
    this.pending = '';
    if (before) this.send('stream', { name: 'stderr', text: before });
    if (text) this.send('stream', { name: this.pendingName, text });
    if (after) this.send('stream', { name: 'stderr', text: after });
  }

  /** A cell starts: its output gets the rate limit's full budget (after the previous cell's drops are reported). */
  startCell(sink: OutputSink): void {
    this.setSink(sink);
    this.reportDropped();
    this.limit.reset();
  }

  /** The kernel's own notice on stderr: sent at once and never dropped by the rate limit. */
  notice(text: string): void {
    this.flush();
    this.send('stream', { name: 'stderr', text });
  }

  /** At the end of a cell: says how much output the rate limit dropped, if any, in that cell. */
  reportDropped(): void {
    const notice = this.limit.takeDropped();
    if (notice) this.send('stream', { name: 'stderr', text: notice });
  }

  publish(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: Buffer[]): void {
    this.flush();
    const refused = oversizedOutput(msgType, content);
    if (refused) this.send('stream', { name: 'stderr', text: refused });
    else this.send(msgType, content, metadata, buffers);
  }

  input(prompt: string, password: boolean): Promise<string> {
    this.flush();
    if (!this.sink) return Promise.reject(new Error('input(): no request is running, so there is no frontend to ask; call input() from a cell'));
    return this.sink.input(prompt, password);
  }

  private send(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: Buffer[]): void {
    if (!this.sink) {
      if (msgType === 'stream') this.fallback(content.name as StreamName, String(content.text));
      return;
    }
    try {
      this.sink.publish(msgType, content, metadata, buffers);
    } catch (err) {
      this.fallback('stderr', `tripletlab kernel: could not publish ${msgType}: ${(err as Error).message}\n`);
    }
  }
}
