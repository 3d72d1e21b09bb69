import { UnserializableContentError } from './errors';

/** What encodeMessage does with values JSON cannot hold (BigInt, cycles). */
export type UnserializablePolicy = 'throw' | 'replace';

/**
 * JSON text of one message part. JSON.stringify throws on BigInt and on cycles; a kernel must not
 * die because a cell published such a value, so this either throws a typed error or, with
 * 'replace', writes BigInt as its decimal string and a repeated ancestor as "[Circular]"
 * (the spirit of jupyter_client's json_clean, which falls back to repr()).
 */
export function toJson(value: unknown, part: string, policy: UnserializablePolicy): string {
  try {
    return JSON.stringify(value ?? {});
  } catch (err) {
    if (policy === 'throw') throw new UnserializableContentError(part, (err as Error).message);
  }
  try {
    return JSON.stringify(value ?? {}, circularSafeReplacer());
  } catch (err) {
    // Only a throwing toJSON() can end up here.
    throw new UnserializableContentError(part, (err as Error).message);
  }
}

function circularSafeReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  // JSON.stringify visits depth-first; `this` is the holder, so the ancestor chain is the stack
  // trimmed back to the current holder (the technique of the json-stringify-safe package).
  const stack: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value !== 'object' || value === null) return value;
    const at = stack.indexOf(this);
    if (at >= 0) stack.length = at + 1;
    else stack.push(this);
    if (stack.includes(value)) return '[Circular]';
    return value;
  };
}

/** Parses a JSON part that must be an object, or returns the reason it is not. */
export function parseObject(frame: Buffer): { value: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString('utf8'));
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
  }
  return { value: value as Record<string, unknown> };
}
