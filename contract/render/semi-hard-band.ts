import type { DistancesPayload } from '../payloads';

/**
 * Where semi-hard negatives fall on the distance axis for a typical anchor. FaceNet (Schroff et al.
 * 2015, §3.2) calls a negative semi-hard when d(a,p) < d(a,n) ≤ d(a,p) + m; taking d(a,p) at the
 * mean anchor-positive distance gives the band [μ₊, μ₊ + m]. The margin line sits at its right
 * edge: negatives beyond it are easy (zero loss) for that anchor.
 */
export function semiHardBand(p: Pick<DistancesPayload, 'meanPositive' | 'margin'>): { from: number; to: number } {
  return { from: p.meanPositive, to: p.meanPositive + p.margin };
}

/** The inverse: the margin that puts the margin line at distance `x` (never negative). */
export function marginAt(x: number, meanPositive: number): number {
  return Math.max(0, x - meanPositive);
}

export const BAND_CAPTION = 'Shaded: semi-hard zone for a typical anchor, from the mean anchor–positive distance μ₊ to μ₊ + margin (negatives there satisfy d(a,p) < d(a,n) ≤ d(a,p) + m). Dashed line: μ₊ + margin; negatives to its right are easy.';
