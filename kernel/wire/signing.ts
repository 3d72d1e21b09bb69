import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnsupportedSignatureSchemeError } from './errors';

/** Schemes accepted in `signature_scheme`: `hmac-` + a hashlib name, as jupyter_client resolves them. */
const SCHEMES: Record<string, string> = {
  'hmac-sha256': 'sha256',
  'hmac-sha384': 'sha384',
  'hmac-sha512': 'sha512',
};

/**
 * HMAC signer of the wire protocol ("The Wire Protocol", messaging spec 5.3): the signature is the
 * hex digest of HMAC(key, header ‖ parent_header ‖ metadata ‖ content) over the four serialised
 * JSON frames exactly as sent. Binary buffers are NOT part of the signature: jupyter_client's
 * `Session.sign` is fed `msg_list[1:5]` only, and every Jupyter frontend and kernel checks that
 * same digest, so covering buffers would make every message with buffers fail verification at a
 * real Jupyter peer. (See buffer-digests.ts for the compatible opt-in integrity of buffers.)
 * An empty key means "unsigned": the signature frame is empty, as jupyter_client does with no key.
 */
export class Signer {
  readonly scheme: string;
  private readonly key: Buffer;
  private readonly algorithm: string;

  constructor(key: string | Buffer, scheme = 'hmac-sha256') {
    if (typeof key !== 'string' && !Buffer.isBuffer(key)) {
      throw new TypeError(`Signer: argument 'key' must be a string or Buffer (the connection file's 'key'; '' for unsigned), got ${typeof key}`);
    }
    const algorithm = SCHEMES[scheme];
    if (algorithm === undefined) throw new UnsupportedSignatureSchemeError(scheme);
    this.scheme = scheme;
    this.algorithm = algorithm;
    this.key = Buffer.isBuffer(key) ? Buffer.from(key) : Buffer.from(key, 'utf8');
  }

  /** True when messages are signed and must be verified. */
  get keyed(): boolean {
    return this.key.length > 0;
  }

  /** Lower-case hex digest over the given frames in order; '' when unkeyed. */
  sign(frames: readonly Buffer[]): string {
    if (!this.keyed) return '';
    const hmac = createHmac(this.algorithm, this.key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest('hex');
  }

  /**
   * Constant-time comparison of a received signature with the expected one. An unkeyed signer
   * accepts anything (jupyter_client skips the check when it has no key).
   */
  verify(signature: Buffer | string, frames: readonly Buffer[]): boolean {
    if (!this.keyed) return true;
    const got = Buffer.isBuffer(signature) ? signature : Buffer.from(signature, 'utf8');
    const want = Buffer.from(this.sign(frames), 'utf8');
    // timingSafeEqual throws on different lengths; the length itself reveals nothing secret.
    if (got.length !== want.length) return false;
    return timingSafeEqual(got, want);
  }
}
