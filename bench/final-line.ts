/**
 * Ends a benchmark's output: the run's other figures on a `details:` line, then the final line, a
 * JSON object with exactly the keys the benchmark promises (in that order; null where a figure is
 * missing, e.g. a peer that was skipped), so scripts can rely on its shape.
 */
export function printFinalLine(all: Record<string, unknown>, keys: readonly string[]): void {
  const rest = Object.fromEntries(Object.entries(all).filter(([k]) => !keys.includes(k)));
  if (Object.keys(rest).length > 0) console.log(`details: ${JSON.stringify(rest)}`);
  console.log(JSON.stringify(Object.fromEntries(keys.map((k) => [k, all[k] ?? null]))));
}
