/** Where the socket loops report per-message problems; they never throw out of the loop. */
export type WireLog = (level: 'debug' | 'warn' | 'error', message: string) => void;

export const stderrLog: WireLog = (level, message) => {
  if (level !== 'debug') process.stderr.write(`[wire ${level}] ${message}\n`);
};

export function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
