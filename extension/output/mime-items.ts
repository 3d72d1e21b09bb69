/**
 * Jupyter MIME bundles → notebook output items, without the `vscode` module, so it runs in tests.
 * A bundle holds one representation per MIME type ("display_data", Jupyter messaging spec); the
 * editor picks the richest one it can render.
 */

/** One output item before it becomes a `vscode.NotebookCellOutputItem`. */
export type ItemSpec =
  | { kind: 'json'; mime: string; value: unknown }
  | { kind: 'text'; mime: string; value: string }
  | { kind: 'bytes'; mime: string; value: Uint8Array };

/** Images that Jupyter sends base64-encoded (nbformat stores binary MIME types as base64 strings). */
const BASE64_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/bmp', 'image/webp']);

export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || /\+json$/i.test(mime);
}

/** nbformat lets text be a list of lines; the lines already carry their newlines. */
function joinText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('');
  return undefined;
}

export function mimeItem(mime: string, value: unknown): ItemSpec {
  if (isJsonMime(mime)) return { kind: 'json', mime, value };
  const text = joinText(value);
  if (BASE64_IMAGES.has(mime) && text !== undefined) return { kind: 'bytes', mime, value: Buffer.from(text.replace(/\s+/g, ''), 'base64') };
  if (text !== undefined) return { kind: 'text', mime, value: text };
  return { kind: 'json', mime, value };
}

/** Every representation of a bundle, in the kernel's order; entries without data are skipped. */
export function bundleItems(data: unknown): ItemSpec[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([mime, v]) => mimeItem(mime, v));
}
