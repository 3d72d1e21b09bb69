import type { SamplerKind } from '../config/types';
import { createRandom } from '../samplers/random';

export interface BatchSource {
  /** Row indices of the next P×K batch. */
  next(): Int32Array;
}

// TEMPORARY until samplers/ lands: plain P×K draw.
export function batchSource(kind: SamplerKind, labels: Int32Array, P: number, K: number, seed: number): BatchSource {
  void kind;
  const rng = createRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => (byClass.get(l) ?? byClass.set(l, []).get(l)!).push(i));
  const classes = [...byClass.keys()];
  return {
    next() {
      const picked = rng.shuffle([...classes]).slice(0, P);
      const out: number[] = [];
      for (const c of picked) {
        const rows = byClass.get(c)!;
        for (let k = 0; k < K; k++) out.push(rows[rng.int(rows.length)]);
      }
      return Int32Array.from(out);
    },
  };
}
