import type { DistanceName } from '../distances/types';

const U = 2 ** -24;

/**
 * Where the float64 distance of a float32 matrix entry v can lie, for one anchor row. Built on the
 * dot-product bound |fl(a·b) − a·b| ≤ γ_d Σ|a_k b_k| (Higham, Accuracy and Stability, §3.1), which
 * holds for any summation order the backend picks, with `e` = γ_d·(‖a‖ + ‖b‖)² doubled for the norms,
 * rsqrt and final roundings, then doubled again; `maxNorm` bounds ‖b‖ over the row.
 */
export class EntryBounds {
  private readonly e: number;

  constructor(private readonly distance: DistanceName, d: number, norm: number, maxNorm: number) {
    const c = 4 * (d + 8) * U;
    this.e = distance === 'cosine' ? c + 4 * U : c * (norm + maxNorm) ** 2;
  }

  lower(v: number): number {
    const { e } = this;
    if (this.distance === 'cosine') return v - e;
    if (this.distance === 'squared-euclidean') return v * (1 - 4 * U) - e;
    return Math.sqrt(Math.max(0, v * v * (1 - 4 * U) - e)) * (1 - 2 * U);
  }

  upper(v: number): number {
    const { e } = this;
    if (this.distance === 'cosine') return v + e;
    if (this.distance === 'squared-euclidean') return v * (1 + 4 * U) + e;
    return Math.sqrt(v * v * (1 + 4 * U) + e) * (1 + 2 * U);
  }

  /** Entries below this have upper(v) < t. */
  surelyBelow(t: number): number {
    const { e } = this;
    const slack = 1e-12 * (1 + Math.abs(t));
    if (this.distance === 'cosine') return t - e - slack;
    if (this.distance === 'squared-euclidean') return (t - e) / (1 + 4 * U) - slack;
    if (t <= 0) return -Infinity;
    const s = ((t / (1 + 2 * U)) ** 2 - e) / (1 + 4 * U);
    return s <= 0 ? -Infinity : Math.sqrt(s) - slack;
  }

  /** Entries above this have lower(v) > t. */
  surelyAbove(t: number): number {
    const { e } = this;
    const slack = 1e-12 * (1 + Math.abs(t));
    if (this.distance === 'cosine') return t + e + slack;
    if (this.distance === 'squared-euclidean') return (t + e) / (1 - 4 * U) + slack;
    const s = ((Math.max(t, 0) / (1 - 2 * U)) ** 2 + e) / (1 - 4 * U);
    return Math.sqrt(s) + slack;
  }
}

