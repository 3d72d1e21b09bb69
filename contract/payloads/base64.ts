/**
 * Base64 (RFC 4648 §4, with padding) over Uint8Array, without Buffer or atob so it runs the same
 * in the kernel (Node) and in the notebook webview.
 */
import { PayloadError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
    if (chunk.length >= 8192) { parts.push(chunk); chunk = ''; }
  }
  if (i < n) {
    const v = (bytes[i] << 16) | ((i + 1 < n ? bytes[i + 1] : 0) << 8);
    chunk += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < n ? ALPHABET[(v >> 6) & 63] : '=') + '=';
  }
  parts.push(chunk);
  return parts.join('');
}

export function decodeBase64(text: string, argName = 'data', fnName = 'decodeBase64'): Uint8Array {
  if (typeof text !== 'string') throw new PayloadError(fnName, argName, 'must be a base64 string', 'pass the string produced by encodeBase64');
  const len = text.length;
  if (len % 4 !== 0) throw new PayloadError(fnName, argName, `has length ${len}, not a multiple of 4`, 'pass padded base64 (RFC 4648 §4) as produced by encodeBase64');
  let pad = 0;
  if (len > 0 && text[len - 1] === '=') pad++;
  if (len > 1 && text[len - 2] === '=') pad++;
  const out = new Uint8Array((len / 4) * 3 - pad);
  const bad = (offset: number) =>
    new PayloadError(fnName, argName, `has an invalid base64 character at offset ${offset}`, 'pass standard base64 (A–Z a–z 0–9 + /, = padding only at the end)');
  const digit = (i: number): number => {
    const c = text.charCodeAt(i);
    const d = c < 128 ? LOOKUP[c] : -1;
    if (d >= 0) return d;
    if (c === 61 && i >= len - pad) return 0;
    throw bad(i);
  };
  // Whole quads without padding first (the hot loop: no branches beyond the validity check).
  const full = pad ? len - 4 : len;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = text.charCodeAt(i), b = text.charCodeAt(i + 1), c = text.charCodeAt(i + 2), d = text.charCodeAt(i + 3);
    const va = a < 128 ? LOOKUP[a] : -1, vb = b < 128 ? LOOKUP[b] : -1, vc = c < 128 ? LOOKUP[c] : -1, vd = d < 128 ? LOOKUP[d] : -1;
    if ((va | vb | vc | vd) < 0) {
      digit(i); digit(i + 1); digit(i + 2); digit(i + 3);
    }
    const v = (va << 18) | (vb << 12) | (vc << 6) | vd;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  if (full < len) {
    const v = (digit(full) << 18) | (digit(full + 1) << 12) | (digit(full + 2) << 6) | digit(full + 3);
    if (o < out.length) out[o++] = v >> 16;
    if (o < out.length) out[o++] = (v >> 8) & 255;
  }
  return out;
}

/** Little-endian byte view of integer arrays (payloads are little-endian whatever the host). */
export function uintToBytes(values: ArrayLike<number>, bytesPer: 1 | 2 | 4): Uint8Array {
  const out = new Uint8Array(values.length * bytesPer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const o = i * bytesPer;
    out[o] = v & 255;
    if (bytesPer > 1) out[o + 1] = (v >>> 8) & 255;
    if (bytesPer > 2) { out[o + 2] = (v >>> 16) & 255; out[o + 3] = (v >>> 24) & 255; }
  }
  return out;
}

export function bytesToUint(bytes: Uint8Array, bytesPer: 1 | 2 | 4): Uint32Array {
  const n = Math.floor(bytes.length / bytesPer);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * bytesPer;
    let v = bytes[o];
    if (bytesPer > 1) v |= bytes[o + 1] << 8;
    if (bytesPer > 2) v = (v | (bytes[o + 2] << 16) | (bytes[o + 3] << 24)) >>> 0;
    out[i] = v;
  }
  return out;
}
