import { formatBytes } from './byte-size';

/** Bytes per second of stream output; 0 turns the limit off. */
export const RATE_LIMIT_ENV = 'TRIPLETLAB_OUTPUT_RATE_LIMIT';
/** Jupyter's defaults: `iopub_data_rate_limit` 1,000,000 bytes/s averaged over `rate_limit_window` 3 s. */
export const DEFAULT_RATE_LIMIT = 1_000_000;
export const RATE_WINDOW_MS = 3000;
/** One rich output (display, result) larger than this is not sent: frontends freeze on it. */
export const MAX_OUTPUT_BYTES = 20_000_000;

/** TRIPLETLAB_OUTPUT_RATE_LIMIT as bytes per second; unset means Jupyter's 1 MB/s. */
export function rateLimitFrom(env: NodeJS.ProcessEnv): number {
  const raw = env[RATE_LIMIT_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_RATE_LIMIT;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw new Error(`${RATE_LIMIT_ENV}=${JSON.stringify(raw)} is not a number of bytes per second; set it to e.g. 1000000 (Jupyter's default), 0 for no limit, or unset it`);
  }
  return n;
}

/**
 * Stream output over the rate limit is dropped, as Jupyter's server does with
 * iopub_data_rate_limit, so a runaway print loop cannot flood the frontend (5–6 MB/s froze it).
 * The part that fits is kept; one notice says output is being dropped, and when the flood ends
 * another says how much was lost.
 */
export class StreamRateLimit {
  private readonly sent: { at: number; bytes: number }[] = [];
  private sentBytes = 0;
  private dropped = 0;

  constructor(
    private readonly bytesPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** What of `text` may go out now, with notices for stderr to send before and after it. */
  admit(text: string): { before?: string; text: string; after?: string } {
    if (this.bytesPerSecond === 0) return { text };
    const now = this.now();
    while (this.sent.length > 0 && now - this.sent[0].at >= RATE_WINDOW_MS) this.sentBytes -= this.sent.shift()!.bytes;
    const budget = (this.bytesPerSecond * RATE_WINDOW_MS) / 1000 - this.sentBytes;
    const bytes = Buffer.byteLength(text);
    if (bytes <= budget) {
      this.record(now, bytes);
      return { before: this.takeDropped(), text };
    }
    if (this.dropped > 0) {
      this.dropped += bytes;
      return { text: '' };
    }
    const kept = prefixWithin(text, Math.max(0, Math.floor(budget)));
    const keptBytes = Buffer.byteLength(kept);
    this.record(now, keptBytes);
    this.dropped = bytes - keptBytes;
    const rate = this.bytesPerSecond === 1_000_000 ? '1 MB/s' : `${formatBytes(this.bytesPerSecond)}/s`;
    return {
      text: kept,
      after:
        `${kept.endsWith('\n') || kept === '' ? '' : '\n'}tripletlab: output is arriving faster than ${rate}, so it is dropped until it slows down ` +
        `(Jupyter's iopub_data_rate_limit; set ${RATE_LIMIT_ENV} to bytes per second to change it, 0 for no limit). ` +
        'Print less, or write large output to a file.\n',
    };
  }

  /** A new cell starts with the whole window's budget: a flood in one cell does not swallow the next cell's output. */
  reset(): void {
    this.sent.length = 0;
    this.sentBytes = 0;
  }

  /** The "N MB dropped" notice if output was being dropped (the end of a flood: a cell ended); else undefined. */
  takeDropped(): string | undefined {
    if (this.dropped === 0) return undefined;
    const n = this.dropped;
    this.dropped = 0;
    return `tripletlab: ${formatBytes(n)} of output ${n === 1 ? 'was' : 'were'} dropped by the output rate limit.\n`;
  }

  private record(at: number, bytes: number): void {
    if (bytes === 0) return;
    this.sent.push({ at, bytes });
    this.sentBytes += bytes;
  }
}

/** The longest prefix of `text` within `maxBytes` of UTF-8 that does not split a surrogate pair. */
function prefixWithin(text: string, maxBytes: number): string {
  let end = Math.min(text.length, maxBytes);
  while (end > 0 && Buffer.byteLength(text.slice(0, end)) > maxBytes) end = Math.floor(end * 0.9);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

/** Approximate size of a MIME bundle as sent (strings as they are, anything else as JSON). */
export function bundleBytes(data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  let total = 0;
  for (const value of Object.values(data)) total += typeof value === 'string' ? value.length : (JSON.stringify(value) ?? '').length;
  return total;
}

/** Why a rich output is not sent, or undefined when it may be. */
export function oversizedOutput(msgType: string, content: Record<string, unknown>): string | undefined {
  if (msgType !== 'display_data' && msgType !== 'update_display_data' && msgType !== 'execute_result') return undefined;
  const bytes = bundleBytes(content.data);
  if (bytes <= MAX_OUTPUT_BYTES) return undefined;
  return (
    `tripletlab: ${msgType} of ${formatBytes(bytes)} is over the ${formatBytes(MAX_OUTPUT_BYTES).replace('.0', '')} limit for one output, so it was not sent. ` +
    'Show less of it (fewer points, a smaller image, a summary) or save it to a file.\n'
  );
}
