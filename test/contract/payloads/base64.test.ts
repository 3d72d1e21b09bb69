import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64, encodeBase64 } from '../../../contract/payloads';
import { bytesToUint, uintToBytes } from '../../../contract/payloads/base64';

test('encodeBase64 matches Node Buffer for every length 0..40 and random bytes', () => {
  for (let n = 0; n <= 40; n++) {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = (i * 97 + n * 31) & 255;
    const expected = Buffer.from(bytes).toString('base64');
    assert.equal(encodeBase64(bytes), expected);
    assert.deepEqual(Array.from(decodeBase64(expected)), Array.from(bytes));
  }
});

test('RFC 4648 §10 test vectors', () => {
  const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
  for (const [plain, b64] of vectors) {
    assert.equal(encodeBase64(new TextEncoder().encode(plain)), b64);
    assert.equal(new TextDecoder().decode(decodeBase64(b64)), plain);
  }
});

test('decodeBase64 rejects bad length and bad characters, naming the argument', () => {
  assert.throws(() => decodeBase64('abc', 'coords.data'), /coords\.data has length 3/);
  assert.throws(() => decodeBase64('ab$d'), /invalid base64 character at offset 2/);
  assert.throws(() => decodeBase64('a=bc'), /invalid base64 character at offset 1/);
});

test('little-endian integer packing round-trips 1, 2 and 4 bytes', () => {
  const values = [0, 1, 255, 256, 65535, 70000, 4294967295];
  assert.deepEqual(Array.from(bytesToUint(uintToBytes(values, 4), 4)), values);
  assert.deepEqual(Array.from(bytesToUint(uintToBytes([0, 1, 65535, 258], 2), 2)), [0, 1, 65535, 258]);
  assert.deepEqual(Array.from(uintToBytes([258], 2)), [2, 1]);
  assert.deepEqual(Array.from(bytesToUint(uintToBytes([7, 255], 1), 1)), [7, 255]);
});
