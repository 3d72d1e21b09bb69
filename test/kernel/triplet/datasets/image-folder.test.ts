import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';
import { imageFolder } from '../../../../kernel/triplet/datasets';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripletlab-images-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function png(width: number, height: number, rgba: (x: number, y: number) => [number, number, number, number]): Buffer {
  const img = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) img.data.set(rgba(x, y), (y * width + x) * 4);
  return PNG.sync.write(img);
}

function writeFixture(): void {
  fs.mkdirSync(path.join(dir, 'bright'));
  fs.mkdirSync(path.join(dir, 'dark'));
  // 2×2 with four distinct pixels: nearest resize to 4×4 repeats each one in a 2×2 block.
  fs.writeFileSync(path.join(dir, 'bright', 'a.png'), png(2, 2, (x, y) => [[255, 0], [0, 255]][y][x] === 255 ? [255, 255, 255, 255] : [51, 102, 153, 255]));
  fs.writeFileSync(path.join(dir, 'bright', 'b.png'), png(4, 4, () => [255, 0, 0, 255]));
  const raw = { width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4, 0) };
  for (let i = 3; i < raw.data.length; i += 4) raw.data[i] = 255;
  fs.writeFileSync(path.join(dir, 'dark', 'c.jpg'), jpeg.encode(raw, 95).data);
  fs.writeFileSync(path.join(dir, 'dark', 'notes.txt'), 'skipped');
}
writeFixture();

test('imageFolder reads one class per sub-folder, resized and scaled to [0, 1]', () => {
  const d = imageFolder(dir, { size: 4, resize: 'nearest' });
  assert.equal(d.n, 3);
  assert.deepEqual(d.labelNames, ['bright', 'dark']);
  assert.deepEqual(Array.from(d.labels), [0, 0, 1]);
  assert.deepEqual(d.sampleShape, [4, 4, 3]);
  assert.equal(d.dims, 48);
  const pixel = (i: number, x: number, y: number) => Array.from(d.x.subarray(i * 48 + (y * 4 + x) * 3, i * 48 + (y * 4 + x) * 3 + 3));
  assert.deepEqual(pixel(0, 0, 0), [1, 1, 1]);
  assert.deepEqual(pixel(0, 1, 1), [1, 1, 1]);
  const c = pixel(0, 2, 0);
  [0.2, 0.4, 0.6].forEach((v, j) => assert.ok(Math.abs(c[j] - v) < 1e-6, `${c}`));
  assert.deepEqual(pixel(1, 3, 3), [1, 0, 0]);
  assert.ok(Array.from(d.x.subarray(96, 144)).every((v) => v < 0.02), 'black JPEG decodes near 0');
});

test('imageFolder grayscale uses BT.601 luma, bilinear keeps a flat image flat', () => {
  const d = imageFolder(dir, { size: [3, 2], grayscale: true });
  assert.deepEqual(d.sampleShape, [2, 3, 1]);
  assert.equal(d.dims, 6);
  const red = Array.from(d.x.subarray(6, 12));
  red.forEach((v) => assert.ok(Math.abs(v - 0.299) < 1e-6, String(v)));
});

test('imageFolder names an undecodable file', () => {
  const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'tripletlab-bad-'));
  fs.mkdirSync(path.join(bad, 'cls'));
  fs.writeFileSync(path.join(bad, 'cls', 'ok.png'), png(1, 1, () => [0, 0, 0, 255]));
  fs.writeFileSync(path.join(bad, 'cls', 'broken.png'), Buffer.from('definitely not an image'));
  assert.throws(() => imageFolder(bad), (e: unknown) => {
    assert.match((e as Error).message, /imageFolder: argument 'dir' contains .*cls[\\/]broken\.png, which cannot be decoded/);
    return true;
  });
  assert.throws(() => imageFolder(path.join(bad, 'missing')), /is .*missing", which is not a folder/);
  assert.throws(() => imageFolder(bad, { size: 0 }), /'options.size' is 0/);
  fs.rmSync(bad, { recursive: true, force: true });
});
