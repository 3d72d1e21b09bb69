import { createHash } from 'node:crypto';

/**
 * Opt-in integrity for binary buffers that stays wire-compatible with Jupyter. The spec's HMAC
 * covers only the four JSON frames, so a changed buffer frame goes unnoticed. When both ends are
 * ours, the sender may list each buffer's SHA-256 in the (signed) metadata under this key; the
 * receiver then checks them. Jupyter peers ignore unknown metadata keys, and messages without the
 * key are accepted as before, so real Jupyter clients and kernels keep working either way.
 */
export const BUFFER_DIGESTS_KEY = 'tripletlab.buffer_sha256';

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A copy of `metadata` with the buffers' digests added (unchanged when there are no buffers). */
export function withBufferDigests(metadata: Record<string, unknown>, buffers: readonly Buffer[]): Record<string, unknown> {
  if (buffers.length === 0) return metadata;
  return { ...metadata, [BUFFER_DIGESTS_KEY]: buffers.map(sha256Hex) };
}

/** Why the buffers do not match the digests in `metadata`, or null when they match or none are listed. */
export function bufferDigestMismatch(metadata: Record<string, unknown>, buffers: readonly Buffer[]): string | null {
  const listed = metadata[BUFFER_DIGESTS_KEY];
  if (listed === undefined) return null;
  if (!Array.isArray(listed) || !listed.every((d) => typeof d === 'string')) {
    return `metadata '${BUFFER_DIGESTS_KEY}' is not a list of hex digests`;
  }
  if (listed.length !== buffers.length) {
    return `metadata lists ${listed.length} buffer digests but the message has ${buffers.length} buffers`;
  }
  for (let i = 0; i < buffers.length; i++) {
    if (sha256Hex(buffers[i]) !== listed[i]) return `buffer ${i} does not match its SHA-256 digest in the signed metadata`;
  }
  return null;
}
