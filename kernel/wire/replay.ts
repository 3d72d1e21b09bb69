/**
 * Remembers recent signatures so a captured signed message cannot be run twice, as
 * jupyter_client's `Session.digest_history` does (default 2^16 entries). When the history is full
 * the oldest tenth is dropped at once (jupyter_client culls a random tenth), so culling is rare.
 */
export class ReplayGuard {
  private readonly seen = new Set<string>();

  constructor(readonly maxEntries = 2 ** 16) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`ReplayGuard: argument 'maxEntries' must be a positive integer, got ${maxEntries}`);
    }
  }

  get size(): number {
    return this.seen.size;
  }

  has(signature: string): boolean {
    return this.seen.has(signature);
  }

  /**
   * Records `signature`; returns false (and records nothing) when it was already seen.
   * Empty signatures (unsigned messages) carry no identity and are always accepted.
   */
  accept(signature: string): boolean {
    if (signature === '') return true;
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    if (this.seen.size > this.maxEntries) this.cull();
    return true;
  }

  private cull(): void {
    const drop = Math.max(Math.floor(this.seen.size / 10), this.seen.size - this.maxEntries);
    let n = 0;
    // Sets iterate in insertion order, so this drops the oldest signatures first.
    for (const sig of this.seen) {
      if (n++ >= drop) break;
      this.seen.delete(sig);
    }
  }
}
