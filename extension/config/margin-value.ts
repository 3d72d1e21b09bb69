/**
 * The margin the editor may send: a finite number ≥ 0 (FaceNet's α, Schroff et al. 2015 §3,
 * is a distance, so it cannot be negative). Returns an error message naming the fix, or undefined.
 */
export function marginProblem(value: unknown, source: string): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    const shown = typeof value === 'string' ? `'${value}'` : String(value);
    return `${source}: margin ${shown} is not valid; enter a finite number ≥ 0, such as 0.2.`;
  }
  return undefined;
}

/** Parses what was typed in the margin input box; `''` and non-numbers give an error message. */
export function parseMargin(text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  const error = marginProblem(Number.isNaN(value) ? trimmed : value, 'tripletlab.setMargin');
  return error ? { error } : { value };
}
