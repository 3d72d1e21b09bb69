/**
 * Equal error rate by a threshold sweep: a pair is accepted as "same" when its distance ≤ t.
 * FAR(t) = accepted negatives, FRR(t) = rejected positives; as t rises over every distinct
 * distance FAR grows and FRR falls, and the EER is where the two curves cross, linearly
 * interpolated between the two sweep points around the crossing (threshold likewise).
 */
export function equalErrorRate(positive: Float64Array, negative: Float64Array): { eer: number; eerThreshold: number } {
  const pos = Float64Array.from(positive).sort();
  const neg = Float64Array.from(negative).sort();
  const thresholds = Float64Array.from(new Set([...pos, ...neg])).sort();
  let prevFar = 0;
  let prevFrr = 1;
  let prevT = thresholds[0];
  let ip = 0;
  let ineg = 0;
  for (const t of thresholds) {
    while (ip < pos.length && pos[ip] <= t) ip++;
    while (ineg < neg.length && neg[ineg] <= t) ineg++;
    const far = ineg / neg.length;
    const frr = 1 - ip / pos.length;
    if (far >= frr) {
      // Crossing of the segment (prevFar, prevFrr) → (far, frr) with the line FAR = FRR.
      const dPrev = prevFrr - prevFar;
      const dNow = far - frr;
      const w = dPrev + dNow === 0 ? 1 : dPrev / (dPrev + dNow);
      return { eer: prevFar + w * (far - prevFar), eerThreshold: prevT + w * (t - prevT) };
    }
    prevFar = far;
    prevFrr = frr;
    prevT = t;
  }
  return { eer: 0, eerThreshold: thresholds[thresholds.length - 1] };
}
