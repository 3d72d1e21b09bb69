/**
 * Seeded pseudo-random numbers (mulberry32, a 32-bit state generator by Tommy Ettinger): tiny,
 * fast and good enough for drawing batches and negatives, and the same sequence for the same
 * seed on every platform, so a notebook's sampling is reproducible.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** Index drawn with probability weights[i] / Σ weights; −1 when the weights sum to 0. */
  weighted(weights: ArrayLike<number>, start?: number, end?: number): number;
}

export function createRandom(seed = 0): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
      }
      return items;
    },
    weighted(weights: ArrayLike<number>, start = 0, end = weights.length): number {
      let total = 0;
      for (let i = start; i < end; i++) total += weights[i];
      if (!(total > 0)) return -1;
      let r = next() * total;
      let last = -1;
      for (let i = start; i < end; i++) {
        if (weights[i] > 0) {
          last = i - start;
          r -= weights[i];
          if (r < 0) return last;
        }
      }
      return last;
    },
  };
}
