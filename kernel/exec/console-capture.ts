import { Console } from 'node:console';
import { Writable } from 'node:stream';
import type { OutputRouter, StreamName } from './output-router';

function streamTo(router: OutputRouter, name: StreamName): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      router.write(name, typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      cb();
    },
  });
}

type Write = typeof process.stdout.write;

function patchedWrite(router: OutputRouter, name: StreamName): Write {
  return function write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    const callback = typeof encoding === 'function' ? encoding : cb;
    const enc = typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8';
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(enc);
    router.write(name, text);
    if (typeof callback === 'function') process.nextTick(callback as () => void);
    return true;
  } as Write;
}

/**
 * Sends the global `console` (all methods, with Node's own formatting, no colours) and, when
 * asked, `process.stdout.write`/`process.stderr.write` to the router. Returns the undo.
 */
export function captureConsole(router: OutputRouter, processStreams: boolean): () => void {
  const g = globalThis as { console: Console };
  const previous = Object.getOwnPropertyDescriptor(globalThis, 'console');
  const captured = new Console({ stdout: streamTo(router, 'stdout'), stderr: streamTo(router, 'stderr'), colorMode: false });
  Object.defineProperty(globalThis, 'console', { value: captured, writable: true, configurable: true, enumerable: false });
  const out = process.stdout.write;
  const err = process.stderr.write;
  if (processStreams) {
    process.stdout.write = patchedWrite(router, 'stdout');
    process.stderr.write = patchedWrite(router, 'stderr');
  }
  return () => {
    if (previous) Object.defineProperty(globalThis, 'console', previous);
    else delete (g as { console?: Console }).console;
    if (processStreams) {
      process.stdout.write = out;
      process.stderr.write = err;
    }
  };
}
