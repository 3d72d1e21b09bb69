import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleItems, isJsonMime, mimeItem } from '../../../extension/output/mime-items';

test('JSON MIME types become json items, whatever their value', () => {
  for (const mime of ['application/json', 'application/vnd.tripletlab.distances+json', 'application/vnd.plotly.v1+json']) {
    assert.equal(isJsonMime(mime), true, mime);
    assert.deepEqual(mimeItem(mime, { a: [1, 2] }), { kind: 'json', mime, value: { a: [1, 2] } });
  }
  assert.equal(isJsonMime('text/plain'), false);
  assert.equal(isJsonMime('application/javascript'), false);
});

test('text MIME types become text items; nbformat line lists are joined', () => {
  assert.deepEqual(mimeItem('text/plain', '42'), { kind: 'text', mime: 'text/plain', value: '42' });
  assert.deepEqual(mimeItem('text/html', ['<b>a</b>\n', '<i>b</i>']), { kind: 'text', mime: 'text/html', value: '<b>a</b>\n<i>b</i>' });
  assert.deepEqual(mimeItem('image/svg+xml', '<svg/>'), { kind: 'text', mime: 'image/svg+xml', value: '<svg/>' });
});

test('base64 images become their bytes, line breaks in the base64 ignored', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
  const b64 = Buffer.from(png).toString('base64');
  const item = mimeItem('image/png', `${b64.slice(0, 6)}\n${b64.slice(6)}`);
  assert.equal(item.kind, 'bytes');
  assert.deepEqual([...(item.value as Uint8Array)], [...png]);
  assert.equal(mimeItem('image/jpeg', Buffer.from([1, 2, 3]).toString('base64')).kind, 'bytes');
});

test('a non-string value under a text MIME type is kept as JSON rather than lost', () => {
  assert.deepEqual(mimeItem('text/plain', 42), { kind: 'json', mime: 'text/plain', value: 42 });
});

test('bundleItems keeps the kernel order and skips null entries and non-objects', () => {
  const items = bundleItems({ 'application/vnd.tripletlab.distances+json': { version: 1 }, 'image/svg+xml': '<svg/>', 'text/plain': 'd', 'text/html': null });
  assert.deepEqual(items.map((i) => i.mime), ['application/vnd.tripletlab.distances+json', 'image/svg+xml', 'text/plain']);
  assert.deepEqual(bundleItems(undefined), []);
  assert.deepEqual(bundleItems(['text/plain']), []);
});
