/** How a kernel process ended; `silentMs` when it was killed for not answering its heartbeat. */
export interface KernelExit {
  code: number | null;
  signal: string | null;
  silentMs?: number;
}

/** "exit code 1", "signal SIGABRT", or why it was killed: for messages that report a kernel's end. */
export function describeExit(e: KernelExit): string {
  if (e.silentMs !== undefined) return `no answer to its heartbeat for ${Math.round(e.silentMs / 1000)} s, so it was killed`;
  return e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
}
