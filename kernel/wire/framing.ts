import { bufferDigestMismatch, withBufferDigests } from './buffer-digests';
import {
  BadSignatureError,
  InsufficientFramesError,
  InvalidHeaderError,
  InvalidJsonError,
  MessageTooLargeError,
  MissingDelimiterError,
  ReplayedMessageError,
} from './errors';
import { parseObject, toJson, UnserializablePolicy } from './json';
import { Header, Message } from './messages';
import { ReplayGuard } from './replay';
import { Signer } from './signing';

/** Separates routing identities from the message ("The Wire Protocol", messaging spec). */
export const DELIMITER = Buffer.from('<IDS|MSG>', 'ascii');

export interface WireLimits {
  /** Largest accepted message, all frames together (default 256 MiB). */
  maxMessageBytes: number;
}

export const DEFAULT_LIMITS: WireLimits = { maxMessageBytes: 256 * 1024 * 1024 };

export interface EncodeOptions {
  /** BigInt or cyclic values: throw UnserializableContentError (default) or replace them. */
  unserializable?: UnserializablePolicy;
  /** Add SHA-256 digests of the buffers to the signed metadata (see buffer-digests.ts). */
  digestBuffers?: boolean;
}

/**
 * Frames of `msg` as sent on a ZeroMQ socket:
 * [identities…, '<IDS|MSG>', signature, header, parent_header, metadata, content, buffers…].
 */
export function encodeMessage(msg: Message<unknown>, signer: Signer, options: EncodeOptions = {}): Buffer[] {
  const policy = options.unserializable ?? 'throw';
  const buffers = msg.buffers ?? [];
  const metadata = options.digestBuffers ? withBufferDigests(msg.metadata ?? {}, buffers) : msg.metadata;
  const parts = [
    Buffer.from(toJson(msg.header, 'header', policy), 'utf8'),
    Buffer.from(toJson(msg.parent_header, 'parent_header', policy), 'utf8'),
    Buffer.from(toJson(metadata, 'metadata', policy), 'utf8'),
    Buffer.from(toJson(msg.content, 'content', policy), 'utf8'),
  ];
  return [...(msg.identities ?? []), DELIMITER, Buffer.from(signer.sign(parts), 'ascii'), ...parts, ...buffers];
}

const PART_NAMES = ['header', 'parent_header', 'metadata', 'content'] as const;

/**
 * Parses received frames into a Message, checking size, framing, signature, replay and header,
 * in that order, and throwing the matching WireProtocolError subclass.
 * With a keyed signer an empty signature is refused: an endpoint that has a key accepts signed
 * messages only (jupyter_client raises "Unsigned Message").
 */
export function decodeMessage(
  frames: readonly Buffer[],
  signer: Signer,
  guard?: ReplayGuard,
  limits: WireLimits = DEFAULT_LIMITS,
): Message {
  let total = 0;
  for (const f of frames) total += f.length;
  if (total > limits.maxMessageBytes) throw new MessageTooLargeError(total, limits.maxMessageBytes);

  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0) throw new MissingDelimiterError(frames.length);
  const after = frames.length - at - 1;
  if (after < 5) throw new InsufficientFramesError(after);

  const signature = frames[at + 1];
  const parts = frames.slice(at + 2, at + 6);
  const buffers = frames.slice(at + 6);

  if (signer.keyed) {
    if (signature.length === 0) throw new BadSignatureError('unsigned message (empty signature) sent to an endpoint that requires signed messages');
    if (!signer.verify(signature, parts)) throw new BadSignatureError('signature does not match the message');
    const sig = signature.toString('latin1');
    if (guard && !guard.accept(sig)) throw new ReplayedMessageError(sig);
  }

  const parsed: Record<string, unknown>[] = [];
  for (let i = 0; i < 4; i++) {
    const r = parseObject(parts[i]);
    if ('error' in r) throw new InvalidJsonError(PART_NAMES[i], r.error);
    parsed.push(r.value);
  }
  const [header, parentHeader, metadata, content] = parsed;

  if (signer.keyed) {
    const mismatch = bufferDigestMismatch(metadata, buffers);
    if (mismatch) throw new BadSignatureError(mismatch);
  }

  return {
    identities: frames.slice(0, at),
    header: checkHeader(header),
    parent_header: parentHeader as Message['parent_header'],
    metadata,
    content,
    buffers,
  };
}

function checkHeader(h: Record<string, unknown>): Header {
  for (const field of ['msg_id', 'msg_type'] as const) {
    if (typeof h[field] !== 'string' || h[field] === '') {
      throw new InvalidHeaderError(field, h[field] === undefined ? 'is missing' : `must be a non-empty string, got ${JSON.stringify(h[field])}`);
    }
  }
  for (const field of ['session', 'username', 'date', 'version'] as const) {
    if (h[field] !== undefined && typeof h[field] !== 'string') {
      throw new InvalidHeaderError(field, `must be a string, got ${JSON.stringify(h[field])}`);
    }
  }
  // Older peers omit some fields; fill them so readers can rely on strings.
  return { session: '', username: '', date: '', version: '', ...h } as unknown as Header;
}
