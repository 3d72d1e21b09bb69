import { TripletInputError } from '../validation/errors';

export interface ImageGridOptions {
  /** Pixels per image row. */
  width: number;
  /** Pixel rows per image. */
  height: number;
  /** Images per grid row (default: all in one row). */
  columns?: number;
  /** Each pixel drawn as scale × scale (default 2). */
  scale?: number;
  /** Gap between images, in drawn pixels (default 4). */
  gap?: number;
  /** Alt text shown where images are not (default: "N images"). */
  title?: string;
}

export interface ImageGrid {
  /** PNG bytes of the grid. */
  png: Uint8Array;
  width: number;
  height: number;
  [key: symbol]: unknown;
}

const FN = 'imageGrid';

/**
 * Greyscale images (one array of width × height values each, 0–1 or 0–255, row-major) drawn side by
 * side into one PNG, for looking at what a model retrieves: a query and its nearest neighbours, one
 * row each. As a cell's value it shows as an image in VS Code, JupyterLab and on GitHub.
 */
export function imageGrid(images: ArrayLike<number>[], options: ImageGridOptions): ImageGrid {
  const { width, height } = options;
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new TripletInputError(`options.${name}`, FN, `is ${v}`, 'Pass the size of one image in pixels, e.g. { width: 28, height: 28 }.');
  }
  if (!Array.isArray(images) || images.length === 0) throw new TripletInputError('images', FN, 'is empty or not an array', 'Pass an array of images, each an array of width × height pixel values.');
  images.forEach((img, i) => {
    if (img?.length !== width * height) throw new TripletInputError(`images[${i}]`, FN, `has ${img?.length} values, not ${width} × ${height}`, 'Pass one value per pixel, row by row.');
  });
  const columns = options.columns ?? images.length;
  const scale = options.scale ?? 2;
  const gap = options.gap ?? 4;
  const rows = Math.ceil(images.length / columns);
  const W = columns * width * scale + (columns - 1) * gap;
  const H = rows * height * scale + (rows - 1) * gap;
  let max = 0;
  for (const img of images) for (let i = 0; i < img.length; i++) max = Math.max(max, img[i]);
  const unit = max > 1 ? 1 : 255;
  const rgba = Buffer.alloc(W * H * 4, 255);
  images.forEach((img, n) => {
    const ox = (n % columns) * (width * scale + gap);
    const oy = Math.floor(n / columns) * (height * scale + gap);
    for (let y = 0; y < height * scale; y++) {
      for (let x = 0; x < width * scale; x++) {
        // Ink dark on white, as digits are printed.
        const v = 255 - Math.max(0, Math.min(255, Math.round(img[Math.floor(y / scale) * width + Math.floor(x / scale)] * unit)));
        const at = ((oy + y) * W + ox + x) * 4;
        rgba[at] = rgba[at + 1] = rgba[at + 2] = v;
      }
    }
  });
  const { PNG } = require('pngjs') as typeof import('pngjs');
  const png = new Uint8Array(PNG.sync.write(Object.assign(new PNG({ width: W, height: H }), { data: rgba })));
  const title = options.title ?? `${images.length} images`;
  return {
    png,
    width: W,
    height: H,
    [Symbol.for('Jupyter.display')]: () => ({ 'image/png': Buffer.from(png).toString('base64'), 'text/plain': `[${title}]` }),
  };
}
