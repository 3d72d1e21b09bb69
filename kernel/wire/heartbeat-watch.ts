/** How often the kernel's heartbeat is checked, and how many misses in a row mean it is hung. */
export interface HeartbeatWatchOptions {
  everyMs: number;
  /** Consecutive unanswered pings (each waits `everyMs`) before the kernel counts as lost. */
  misses: number;
}

/**
 * Generous on purpose: the kernel answers heartbeats from its socket thread even while a cell
 * spins, so only a stopped or wedged process misses them, but a loaded machine can delay a reply
 * by a second or two, and a false alarm kills the user's session.
 */
export const DEFAULT_HEARTBEAT_WATCH: HeartbeatWatchOptions = { everyMs: 2_000, misses: 5 };

/**
 * Pings until `misses` pings in a row go unanswered, then calls `lost` once with how long the
 * kernel was silent. A process that has exited is noticed by its exit event, not here.
 */
export function watchHeartbeat(ping: (timeoutMs: number) => Promise<boolean>, lost: (silentMs: number) => void, options: HeartbeatWatchOptions = DEFAULT_HEARTBEAT_WATCH): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let missed = 0;
  let silentSince = 0;
  const tick = async () => {
    const ok = await ping(options.everyMs).catch(() => false);
    if (stopped) return;
    if (ok) missed = 0;
    else if (missed++ === 0) silentSince = Date.now() - options.everyMs;
    if (missed >= options.misses) {
      stopped = true;
      lost(Date.now() - silentSince);
      return;
    }
    timer = setTimeout(tick, options.everyMs);
    timer.unref();
  };
  timer = setTimeout(tick, options.everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
