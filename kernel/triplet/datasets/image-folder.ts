import { TripletInputError } from '../validation/errors';
import { makeDataset, type Dataset } from './dataset';
import { decodeImage } from './decode-image';
import { resizeImage, type ResizeMethod } from './resize-image';

export interface ImageFolderOptions {
  /** Output size: a side length or [width, height] (default 32). */
  size?: number | [number, number];
  /** One luma channel instead of RGB (default false). */
  grayscale?: boolean;
  /** Default 'bilinear'. */
  resize?: ResizeMethod;
}

const FN = 'imageFolder';
const IMAGE = /\.(png|jpe?g)$/i;

/**
 * Images laid out as `dir/<class>/<image>.png|jpg` (torchvision ImageFolder's layout): classes
 * are the sub-folder names in sorted order, files are read in sorted order, other files are
 * skipped. Each image is resized to a fixed size and scaled to [0, 1], HWC order.
 */
export function imageFolder(dir: string, options: ImageFolderOptions = {}): Dataset {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const [width, height] = typeof options.size === 'number' ? [options.size, options.size] : options.size ?? [32, 32];
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new TripletInputError('options.size', FN, `is ${JSON.stringify(options.size)}`, 'Use a positive integer side or [width, height], e.g. { size: 28 }.');
  }
  const method = options.resize ?? 'bilinear';
  if (method !== 'nearest' && method !== 'bilinear') {
    throw new TripletInputError('options.resize', FN, `is ${JSON.stringify(method)}`, "Use 'nearest' or 'bilinear'.");
  }
  const channels = options.grayscale ? 1 : 3;
  if (typeof dir !== 'string' || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new TripletInputError('dir', FN, `is ${JSON.stringify(dir)}, which is not a folder`, 'Pass a folder holding one sub-folder of images per class.');
  }
  const classes = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const files: { file: string; label: number }[] = [];
  classes.forEach((name, label) => {
    for (const f of fs.readdirSync(path.join(dir, name)).filter((f) => IMAGE.test(f)).sort()) files.push({ file: path.join(dir, name, f), label });
  });
  if (files.length === 0) {
    throw new TripletInputError('dir', FN, `(${dir}) holds no .png/.jpg/.jpeg images in sub-folders`,
      'Put each class in its own sub-folder: dir/cat/1.png, dir/dog/2.jpg, ….');
  }
  const dims = width * height * channels;
  const x = new Float32Array(files.length * dims);
  const labels = new Int32Array(files.length);
  files.forEach(({ file, label }, i) => {
    let img;
    try {
      img = decodeImage(fs.readFileSync(file));
    } catch (e) {
      throw new TripletInputError('dir', FN, `contains ${file}, which cannot be decoded (${(e as Error).message})`,
        'Remove or re-save that file as PNG or JPEG.');
    }
    resizeImage(img, width, height, channels, method, x, i * dims);
    labels[i] = label;
  });
  return makeDataset(x, labels, dims, classes, [height, width, channels]);
}
