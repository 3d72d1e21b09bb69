import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Signer } from '../../../kernel/wire/signing';
import { UnsupportedSignatureSchemeError } from '../../../kernel/wire/errors';

const HEADER = '{"msg_id":"a1","session":"s1","username":"u","date":"2024-01-01T00:00:00.000Z","msg_type":"execute_request","version":"5.3"}';
const PARTS = [HEADER, '{}', '{}', '{"code":"1 + 1","silent":false}'].map((s) => Buffer.from(s));

// The spec's formula, written out independently of Signer: HMAC over the four frames in order.
function specDigest(alg: string, key: string, parts: Buffer[]): string {
  return createHmac(alg, key).update(Buffer.concat(parts)).digest('hex');
}

test('signatures match the values jupyter_client 7.4 Session.sign computes', () => {
  // Literals printed by: /usr/bin/python3 -c "from jupyter_client.session import Session;
  //   print(Session(key=b'tripletlab-test-key', signature_scheme=SCHEME).sign(PARTS))"
  const cases = [
    { scheme: 'hmac-sha256', want: 'af127409900f1f2c222da07f5c4d15f22bded5ac267ef0f082aa40145771e4f4' },
    {
      scheme: 'hmac-sha512',
      want: '8954b3d45445d559f2c86b8cf2424e3bca08aea50b440bc4415863a75eb617ed90f2860cde84da0c4c6c7ab9d5a6d7dd17d582185d26f5065189ed8c5e2625a2',
    },
  ];
  for (const { scheme, want } of cases) {
    assert.equal(new Signer('tripletlab-test-key', scheme).sign(PARTS), want, scheme);
  }
});

test('signatures follow the spec formula for several keys and contents', () => {
  const table: Array<{ key: string; parts: string[] }> = [
    { key: 'k', parts: ['{}', '{}', '{}', '{}'] },
    { key: 'a-much-longer-key-'.repeat(10), parts: [HEADER, HEADER, '{"x":1}', '{"text":"héllo ✓"}'] },
    { key: '0123456789abcdef', parts: ['{"a":[1,2,3]}', '{}', '{"deleted":true}', '{"data":{"text/plain":"42"}}'] },
  ];
  for (const { key, parts } of table) {
    const bufs = parts.map((p) => Buffer.from(p));
    const s = new Signer(key);
    assert.equal(s.sign(bufs), specDigest('sha256', key, bufs));
    assert.equal(s.verify(s.sign(bufs), bufs), true);
    assert.equal(s.verify(Buffer.from(s.sign(bufs)), bufs), true);
  }
});

test('verify rejects a wrong, truncated, upper-cased or empty signature', () => {
  const s = new Signer('tripletlab-test-key');
  const good = s.sign(PARTS);
  const flipped = (good[0] === 'a' ? 'b' : 'a') + good.slice(1);
  for (const bad of [flipped, good.slice(0, 10), good.toUpperCase(), '', good + '00']) {
    assert.equal(s.verify(bad, PARTS), false, JSON.stringify(bad));
  }
});

test('a changed frame changes the signature', () => {
  const s = new Signer('tripletlab-test-key');
  const good = s.sign(PARTS);
  for (let i = 0; i < 4; i++) {
    const changed = PARTS.map((p, j) => (j === i ? Buffer.concat([p, Buffer.from(' ')]) : p));
    assert.equal(s.verify(good, changed), false, `frame ${i}`);
  }
});

test('an empty key signs with "" and accepts anything', () => {
  const s = new Signer('');
  assert.equal(s.keyed, false);
  assert.equal(s.sign(PARTS), '');
  assert.equal(s.verify('', PARTS), true);
  assert.equal(s.verify('garbage', PARTS), true);
});

test('unknown signature schemes are refused with a typed error naming the scheme', () => {
  for (const scheme of ['hmac-md5', 'sha256', '', 'HMAC-SHA256']) {
    assert.throws(() => new Signer('k', scheme), (e: unknown) => e instanceof UnsupportedSignatureSchemeError && e.message.includes(JSON.stringify(scheme)));
  }
});
