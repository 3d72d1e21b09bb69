import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProjection, encodeProjection, validateProjectionPayload } from '../../../contract/payloads';

function sample(count: number, dims: 2 | 3) {
  const coords = new Float32Array(count * dims);
  for (let i = 0; i < coords.length; i++) coords[i] = Math.sin(i * 1.7) * 10 + (i % dims);
  const labels = Array.from({ length: count }, (_, i) => i % 4);
  return { coords, labels };
}

test('encode → decode round-trips within the quantisation step, 2-d and 3-d', () => {
  for (const dims of [2, 3] as const) {
    const { coords, labels } = sample(500, dims);
    const p = encodeProjection({ coords, dims, labels, method: 'pca', labelNames: ['a', 'b', 'c', 'd'] });
    const json = JSON.parse(JSON.stringify(p));
    const d = decodeProjection(json);
    assert.equal(d.count, 500);
    assert.equal(d.dims, dims);
    for (let i = 0; i < coords.length; i++) {
      const a = i % dims;
      const step = (p.coords.max[a] - p.coords.min[a]) / 65535;
      assert.ok(Math.abs(d.coords[i] - coords[i]) <= step / 2 + 1e-5, `coord ${i}`);
    }
    assert.deepEqual(Array.from(d.labels), labels);
    assert.deepEqual(d.labelNames, ['a', 'b', 'c', 'd']);
    assert.equal(p.labels && !Array.isArray(p.labels) && p.labels.encoding, 'uint8');
  }
});

test('2-d coordinates of 5,000 points take ≈ 27 KB of base64', () => {
  const { coords, labels } = sample(5000, 2);
  const p = encodeProjection({ coords, dims: 2, labels, method: 'umap' });
  assert.equal(p.coords.data.length, Math.ceil((5000 * 2 * 2) / 3) * 4);
  assert.ok(p.coords.data.length < 27_000);
});

test('neighbours round-trip; wide labels switch to uint16', () => {
  const { coords } = sample(6, 2);
  const labels = [0, 300, 1, 2, 3, 4];
  const indices = [1, 2, 0, 2, 0, 1, 4, 5, 3, 5, 3, 4];
  const p = encodeProjection({ coords, dims: 2, labels, method: 'tsne', neighbors: { k: 2, indices } });
  assert.equal(!Array.isArray(p.labels) && p.labels.encoding, 'uint16');
  const d = decodeProjection(p);
  assert.equal(d.k, 2);
  assert.deepEqual(Array.from(d.neighbors), indices);
  assert.deepEqual(Array.from(d.labels), labels);
  assert.equal(d.labelNames[300], '300');
});

test('constant axis and empty projection encode without dividing by zero', () => {
  const p = encodeProjection({ coords: [1, 5, 2, 5, 3, 5], dims: 2, labels: [0, 0, 1], method: 'pca' });
  const d = decodeProjection(p);
  assert.deepEqual([d.coords[1], d.coords[3], d.coords[5]], [5, 5, 5]);
  assert.ok(Math.abs(d.coords[2] - 2) <= 2 / 65535);
  const e = decodeProjection(encodeProjection({ coords: [], dims: 3, labels: [], method: 'pca' }));
  assert.equal(e.count, 0);
});

test('plain number[] labels are accepted by the decoder', () => {
  const p = encodeProjection({ coords: [0, 0, 1, 1], dims: 2, labels: [0, 1], method: 'pca' });
  const d = decodeProjection({ ...p, labels: [1, 0] });
  assert.deepEqual(Array.from(d.labels), [1, 0]);
});

test('encodeProjection errors name the argument and the fix', () => {
  assert.throws(() => encodeProjection({ coords: [0, 0, 1], dims: 2, labels: [0], method: 'pca' }), /encodeProjection: coords has 3 values, not a multiple of dims 2/);
  assert.throws(() => encodeProjection({ coords: [0, NaN], dims: 2, labels: [0], method: 'pca' }), /coords\[1\] is NaN .*check the embedding/);
  assert.throws(() => encodeProjection({ coords: [0, 0], dims: 2, labels: [0, 1], method: 'pca' }), /labels has 2 labels for 1 points/);
  assert.throws(() => encodeProjection({ coords: [0, 0], dims: 2, labels: [1.5], method: 'pca' }), /labels\[0\] is 1.5/);
  assert.throws(() => encodeProjection({ coords: [0, 0, 1, 1], dims: 2, labels: [0, 1], method: 'pca', neighbors: { k: 1, indices: [1, 2] } }), /neighbors\.indices\[1\] is 2/);
});

test('validateProjectionPayload catches data that disagrees with count/dims', () => {
  const p = encodeProjection({ coords: [0, 0, 1, 1], dims: 2, labels: [0, 1], method: 'pca' });
  assert.throws(() => validateProjectionPayload({ ...p, count: 3 }), /payload\.coords\.data decodes to 8 bytes, expected 12/);
  assert.throws(() => validateProjectionPayload({ ...p, dims: 3 }), /payload\.coords\.min has 2 values but dims is 3/);
  assert.throws(() => validateProjectionPayload({ ...p, coords: { ...p.coords, data: '@@@@' } }), /payload\.coords\.data does not match/);
  assert.throws(() => validateProjectionPayload({ ...p, method: 'lda' }), /payload\.method is "lda", expected one of "pca", "umap", "tsne"/);
  assert.throws(() => validateProjectionPayload({ ...p, labels: 'x' }), /payload\.labels is "x", expected array or object/);
  assert.throws(() => decodeProjection({ ...p, neighbors: { k: 1, encoding: 'uint16', data: 'BQAFAA==' } }), /beyond the 2 points/);
});
