import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { imageGrid } from '../../../../kernel/triplet/images';
import { bundleOf } from '../../../../kernel/exec/format-result';

test('imageGrid draws images ink-dark on white in a grid, one PNG, shown as image/png', () => {
  // Two 2×2 images: a black top-left pixel, and an all-white image (0–255 values).
  const grid = imageGrid([[255, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 128]], { width: 2, height: 2, columns: 2, scale: 1, gap: 1 });
  const png = PNG.sync.read(Buffer.from(grid.png));
  assert.deepEqual([png.width, png.height], [5, 5]);
  const grey = (x: number, y: number) => png.data[(y * png.width + x) * 4];
  assert.equal(grey(0, 0), 0, 'full ink is black');
  assert.equal(grey(1, 0), 255, 'no ink is white');
  assert.equal(grey(2, 0), 255, 'the gap is white');
  assert.equal(grey(1, 4), 127, 'third image, second row, second column: half ink');
  const bundle = bundleOf(grid)!;
  assert.equal(Buffer.from(bundle['image/png'] as string, 'base64').subarray(1, 4).toString(), 'PNG');
});

test('imageGrid names a wrong image size and how to fix it', () => {
  assert.throws(() => imageGrid([new Float32Array(784), new Float32Array(10)], { width: 28, height: 28 }), /images\[1\]' has 10 values, not 28 × 28/);
  assert.throws(() => imageGrid([], { width: 28, height: 28 }), /'images' is empty/);
  assert.throws(() => imageGrid([[0]], { width: 0, height: 1 }), /'options\.width' is 0/);
});
