import type { DisplayApi, DisplayHandle, MimeBundle } from '../api';
import { KernelApiArgumentError } from './errors';
import { bundleOf, NO_RESULT, plainText } from './format-result';
import type { OutputRouter } from './output-router';

// node:crypto loads lazily: it is slow to load and only needed once something is displayed.
function newId(): string {
  return (require('node:crypto') as typeof import('node:crypto')).randomUUID();
}

type ToBundle = (value: unknown) => MimeBundle;

function text(fn: string): (value: unknown) => string {
  return (value) => {
    if (typeof value !== 'string') throw new KernelApiArgumentError(fn, 'value', `must be a string, got ${typeof value}`, `pass the markup as text, e.g. ${fn}('<b>hi</b>')`);
    return value;
  };
}

function base64(fn: string): (value: unknown) => string {
  return (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    throw new KernelApiArgumentError(fn, 'data', `must be a Uint8Array of the file's bytes or a base64 string, got ${typeof value}`, `read the file with fs.readFileSync(path) and pass the Buffer`);
  };
}

function asBundle(value: unknown): MimeBundle {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KernelApiArgumentError('display.mime', 'bundle', 'must be an object mapping MIME types to data', "pass e.g. { 'text/html': '<b>hi</b>', 'text/plain': 'hi' }");
  }
  return value as MimeBundle;
}

/**
 * The `display` global (Jupyter "display_data" and "update_display_data"): every display carries
 * `transient.display_id`, so any of them can be updated later through its handle.
 */
export function createDisplay(router: OutputRouter): DisplayApi {
  function show(toBundle: ToBundle, value: unknown, displayId?: string, metadata: Record<string, unknown> = {}): DisplayHandle {
    const id = displayId ?? newId();
    router.publish('display_data', { data: toBundle(value), metadata, transient: { display_id: id } });
    const handle: DisplayHandle = {
      displayId: id,
      update(next: unknown) {
        router.publish('update_display_data', { data: toBundle(next), metadata, transient: { display_id: id } });
      },
    };
    // `display.html(...)` as a cell's last line already showed its output; do not echo the handle.
    Object.defineProperty(handle, NO_RESULT, { value: true });
    return handle;
  }
  const generic: ToBundle = (v) => bundleOf(v) ?? { 'text/plain': 'undefined' };
  const display = ((value: unknown, options?: { displayId?: string; metadata?: Record<string, unknown> }) => {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new KernelApiArgumentError('display', 'options', 'must be an object', 'pass { displayId } to reuse a display, or leave it out');
    }
    return show(generic, value, options?.displayId, options?.metadata);
  }) as DisplayApi;
  const html = text('display.html');
  const md = text('display.markdown');
  const svg = text('display.svg');
  const png = base64('display.png');
  const jpeg = base64('display.jpeg');
  display.html = (v) => show((x) => ({ 'text/html': html(x) }), v);
  display.markdown = (v) => show((x) => ({ 'text/markdown': md(x), 'text/plain': md(x) }), v);
  display.svg = (v) => show((x) => ({ 'image/svg+xml': svg(x) }), v);
  display.png = (v) => show((x) => ({ 'image/png': png(x) }), v);
  display.jpeg = (v) => show((x) => ({ 'image/jpeg': jpeg(x) }), v);
  display.json = (v) => show((x) => ({ 'application/json': x as unknown, 'text/plain': plainText(x) }), v);
  display.mime = (bundle, metadata) => show(asBundle, bundle, undefined, metadata ?? {});
  display.clear = (options) => router.publish('clear_output', { wait: options?.wait === true });
  return display;
}
