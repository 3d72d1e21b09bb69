import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DELIMITER, decodeMessage, encodeMessage } from '../../../kernel/wire/framing';
import { makeMessage } from '../../../kernel/wire/build';
import { Signer } from '../../../kernel/wire/signing';
import { ReplayGuard } from '../../../kernel/wire/replay';
import { BUFFER_DIGESTS_KEY } from '../../../kernel/wire/buffer-digests';
import {
  BadSignatureError,
  InsufficientFramesError,
  InvalidHeaderError,
  InvalidJsonError,
  MessageTooLargeError,
  MissingDelimiterError,
  ReplayedMessageError,
  UnserializableContentError,
} from '../../../kernel/wire/errors';

const KEY = 'framing-test-key';
const signer = new Signer(KEY);

function sample() {
  const parent = makeMessage('execute_request', { code: '1' }, 'client-session');
  return makeMessage('execute_result', { execution_count: 1, data: { 'text/plain': '2' }, metadata: {} }, 'kernel-session', {
    parent,
    identities: [Buffer.from('route-a'), Buffer.from([0, 1, 2, 255])],
    metadata: { started: 'now' },
    buffers: [Buffer.from([1, 2, 3]), Buffer.alloc(0), Buffer.from('tail')],
  });
}

test('encode then decode gives back the same message, identities and buffers included', () => {
  for (const key of [KEY, '']) {
    const s = new Signer(key);
    const msg = sample();
    const frames = encodeMessage(msg, s);
    assert.equal(frames.length, 2 + 1 + 1 + 4 + 3);
    assert.ok(frames[2].equals(DELIMITER));
    assert.equal(frames[3].toString(), key ? s.sign(frames.slice(4, 8)) : '');
    assert.deepEqual(decodeMessage(frames, s, new ReplayGuard()), msg);
  }
});

test('a message with no identities and no buffers round-trips', () => {
  const msg = makeMessage('status', { execution_state: 'idle' }, 's');
  const frames = encodeMessage(msg, signer);
  assert.ok(frames[0].equals(DELIMITER));
  assert.deepEqual(decodeMessage(frames, signer), msg);
});

test('tampering with any signed frame is detected', () => {
  const frames = encodeMessage(sample(), signer);
  const d = frames.findIndex((f) => f.equals(DELIMITER));
  const tampers: Array<[string, number, Buffer]> = [
    ['header', d + 2, Buffer.from(frames[d + 2].toString().replace('execute_result', 'execute_reques'))],
    ['parent_header', d + 3, Buffer.from('{}')],
    ['metadata', d + 4, Buffer.from('{"started":"later"}')],
    ['content', d + 5, Buffer.from(frames[d + 5].toString().replace('"2"', '"3"'))],
    ['signature', d + 1, Buffer.from('0'.repeat(64))],
  ];
  for (const [name, index, replacement] of tampers) {
    const bad = frames.map((f, i) => (i === index ? replacement : f));
    assert.throws(() => decodeMessage(bad, signer), BadSignatureError, name);
  }
});

test('buffers are outside the Jupyter signature, so a changed buffer is caught only with digestBuffers', () => {
  const tamper = (frames: Buffer[]) => frames.map((f, i) => (i === frames.length - 1 ? Buffer.from('TAIL') : f));
  // Plain encoding is what Jupyter peers produce: the HMAC does not cover buffers.
  const plain = decodeMessage(tamper(encodeMessage(sample(), signer)), signer);
  assert.equal(plain.buffers[2].toString(), 'TAIL');

  const withDigests = encodeMessage(sample(), signer, { digestBuffers: true });
  const decoded = decodeMessage(withDigests, signer);
  assert.equal((decoded.metadata[BUFFER_DIGESTS_KEY] as string[]).length, 3);
  assert.throws(() => decodeMessage(tamper(withDigests), signer), (e: unknown) => e instanceof BadSignatureError && /buffer 2/.test(e.message));
  const dropped = withDigests.slice(0, -1);
  assert.throws(() => decodeMessage(dropped, signer), (e: unknown) => e instanceof BadSignatureError && /3 buffer digests but the message has 2/.test(e.message));
});

test('a replayed signed message is rejected; the first copy is accepted', () => {
  const guard = new ReplayGuard();
  const frames = encodeMessage(sample(), signer);
  decodeMessage(frames, signer, guard);
  assert.throws(() => decodeMessage(frames, signer, guard), ReplayedMessageError);
  // A new message with a fresh msg_id has a different signature.
  decodeMessage(encodeMessage(sample(), signer), signer, guard);
});

test('a forged message does not poison the replay history', () => {
  const guard = new ReplayGuard();
  const frames = encodeMessage(sample(), signer);
  const forged = [...frames];
  const d = forged.findIndex((f) => f.equals(DELIMITER));
  forged[d + 5] = Buffer.from('{"evil":true}');
  assert.throws(() => decodeMessage(forged, signer, guard), BadSignatureError);
  assert.equal(guard.size, 0);
  decodeMessage(frames, signer, guard);
});

test('an unsigned message to a keyed endpoint is rejected; an unkeyed endpoint accepts it', () => {
  const unsigned = encodeMessage(sample(), new Signer(''));
  assert.throws(() => decodeMessage(unsigned, signer), (e: unknown) => e instanceof BadSignatureError && /unsigned/.test(e.message));
  assert.equal(decodeMessage(unsigned, new Signer('')).header.msg_type, 'execute_result');
  // An unkeyed endpoint ignores signatures, as jupyter_client does without a key.
  assert.equal(decodeMessage(encodeMessage(sample(), signer), new Signer('')).header.msg_type, 'execute_result');
});

const J = (v: unknown) => Buffer.from(JSON.stringify(v));
const GOOD_HEADER = { msg_id: 'm', session: 's', username: 'u', date: '2024-01-01T00:00:00Z', msg_type: 'kernel_info_request', version: '5.3' };

function unsignedFrames(parts: Buffer[], idents: Buffer[] = []): Buffer[] {
  return [...idents, DELIMITER, Buffer.alloc(0), ...parts];
}

test('malformed framing raises the matching typed error', () => {
  const s = new Signer('');
  const table: Array<{ name: string; frames: Buffer[]; error: Function; match?: RegExp }> = [
    { name: 'no frames', frames: [], error: MissingDelimiterError },
    { name: 'no delimiter', frames: [J(GOOD_HEADER), J({}), J({}), J({})], error: MissingDelimiterError },
    { name: 'delimiter with different case', frames: [Buffer.from('<ids|msg>'), Buffer.alloc(0), J(GOOD_HEADER), J({}), J({}), J({})], error: MissingDelimiterError },
    { name: 'delimiter only', frames: [DELIMITER], error: InsufficientFramesError, match: /0 frames/ },
    { name: 'missing content', frames: unsignedFrames([J(GOOD_HEADER), J({}), J({})]), error: InsufficientFramesError, match: /4 frames/ },
    { name: 'header not JSON', frames: unsignedFrames([Buffer.from('{nope'), J({}), J({}), J({})]), error: InvalidJsonError, match: /header/ },
    { name: 'content is an array', frames: unsignedFrames([J(GOOD_HEADER), J({}), J({}), J([1])]), error: InvalidJsonError, match: /content.*array/ },
    { name: 'metadata is null', frames: unsignedFrames([J(GOOD_HEADER), J({}), J(null), J({})]), error: InvalidJsonError, match: /metadata/ },
    { name: 'parent_header is a string', frames: unsignedFrames([J(GOOD_HEADER), J('x'), J({}), J({})]), error: InvalidJsonError, match: /parent_header/ },
    { name: 'content not UTF-8 JSON', frames: unsignedFrames([J(GOOD_HEADER), J({}), J({}), Buffer.from([0xff, 0xfe])]), error: InvalidJsonError },
    { name: 'header without msg_id', frames: unsignedFrames([J({ ...GOOD_HEADER, msg_id: undefined }), J({}), J({}), J({})]), error: InvalidHeaderError, match: /'msg_id' is missing/ },
    { name: 'header with empty msg_type', frames: unsignedFrames([J({ ...GOOD_HEADER, msg_type: '' }), J({}), J({}), J({})]), error: InvalidHeaderError, match: /msg_type/ },
    { name: 'header with numeric session', frames: unsignedFrames([J({ ...GOOD_HEADER, session: 5 }), J({}), J({}), J({})]), error: InvalidHeaderError, match: /session/ },
  ];
  for (const { name, frames, error, match } of table) {
    assert.throws(
      () => decodeMessage(frames, s),
      (e: unknown) => e instanceof error && (match === undefined || match.test((e as Error).message)),
      name,
    );
  }
});

test('a message over the size limit is refused before it is parsed', () => {
  const big = unsignedFrames([J(GOOD_HEADER), J({}), J({}), J({})], []).concat([Buffer.alloc(2048)]);
  assert.throws(() => decodeMessage(big, new Signer(''), undefined, { maxMessageBytes: 1024 }), (e: unknown) => e instanceof MessageTooLargeError && e.limit === 1024);
  assert.equal(decodeMessage(big, new Signer(''), undefined, { maxMessageBytes: 4096 }).buffers[0].length, 2048);
});

test('a header missing optional fields is completed with empty strings', () => {
  const m = decodeMessage(unsignedFrames([J({ msg_id: 'm', msg_type: 't' }), J({}), J({}), J({})]), new Signer(''));
  assert.deepEqual(m.header, { msg_id: 'm', msg_type: 't', session: '', username: '', date: '', version: '' });
});

test('BigInt and cyclic content: a typed error by default, replaced values on request', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const shared = { v: 1 };
  const cases: Array<{ content: unknown; replaced: unknown }> = [
    { content: { n: 10n }, replaced: { n: '10' } },
    { content: cyclic, replaced: { a: 1, self: '[Circular]' } },
    { content: { x: [shared, shared], deep: { big: [1n, 2] } }, replaced: { x: [{ v: 1 }, { v: 1 }], deep: { big: ['1', 2] } } },
  ];
  for (const { content, replaced } of cases) {
    const msg = makeMessage('display_data', content, 's');
    assert.throws(() => encodeMessage(msg, signer), UnserializableContentError);
    const frames = encodeMessage(msg, signer, { unserializable: 'replace' });
    assert.deepEqual(decodeMessage(frames, signer).content, replaced);
  }
});
