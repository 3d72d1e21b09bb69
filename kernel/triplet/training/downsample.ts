/**
 * At most `max` points of a per-step series: bucket means, each placed at its bucket's last step,
 * so a long curve keeps its shape and the payload stays small (the training payload allows 500).
 */
export function downsample(values: readonly number[], max: number): { steps: number[]; values: number[] } {
  const n = values.length;
  if (n <= max) return { steps: values.map((_, i) => i), values: [...values] };
  const steps: number[] = [];
  const out: number[] = [];
  for (let b = 0; b < max; b++) {
    const lo = Math.floor((b * n) / max);
    const hi = Math.floor(((b + 1) * n) / max);
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i];
    steps.push(hi - 1);
    out.push(s / (hi - lo));
  }
  return { steps, values: out };
}
