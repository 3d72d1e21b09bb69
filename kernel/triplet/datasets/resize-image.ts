import type { RgbaImage } from './decode-image';

export type ResizeMethod = 'nearest' | 'bilinear';

/**
 * Resamples `img` to width × height and writes channels (3 = RGB, 1 = luma) scaled to [0, 1]
 * into `out` at `offset`, HWC order. Sample positions use half-pixel centres, as
 * `tf.image.resizeBilinear(…, halfPixelCenters=true)` and PIL do, so the image is not shifted.
 * Luma is ITU-R BT.601 (0.299 R + 0.587 G + 0.114 B); alpha is ignored.
 */
export function resizeImage(img: RgbaImage, width: number, height: number, channels: 1 | 3, method: ResizeMethod, out: Float32Array, offset: number): void {
  const sx = img.width / width;
  const sy = img.height / height;
  const px = (x: number, y: number, c: number) => img.data[(y * img.width + x) * 4 + c];
  const sample = (x: number, y: number, c: number): number => {
    if (method === 'nearest') {
      return px(Math.min(img.width - 1, Math.floor((x + 0.5) * sx)), Math.min(img.height - 1, Math.floor((y + 0.5) * sy)), c);
    }
    const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const x1 = Math.min(x0 + 1, img.width - 1);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const ax = fx - x0;
    const ay = fy - y0;
    const top = px(x0, y0, c) * (1 - ax) + px(x1, y0, c) * ax;
    const bottom = px(x0, y1, c) * (1 - ax) + px(x1, y1, c) * ax;
    return top * (1 - ay) + bottom * ay;
  };
  let o = offset;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (channels === 1) out[o++] = (0.299 * sample(x, y, 0) + 0.587 * sample(x, y, 1) + 0.114 * sample(x, y, 2)) / 255;
      else for (let c = 0; c < 3; c++) out[o++] = sample(x, y, c) / 255;
    }
  }
}
