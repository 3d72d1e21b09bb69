/** A decoded image: 8-bit RGBA, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Decodes PNG (pngjs) or JPEG (jpeg-js) by the file's signature rather than its name, so a
 * mislabelled extension still works; anything else throws. Both decoders load lazily.
 */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const { PNG } = require('pngjs') as typeof import('pngjs');
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const jpeg = require('jpeg-js') as typeof import('jpeg-js');
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { width: img.width, height: img.height, data: img.data };
  }
  throw new Error('not a PNG or JPEG file (unknown signature)');
}
