/**
 * Plain-number reference implementations for the triplet tests: loops over i, j, k with
 * distances computed directly from coordinates, no tensors involved.
 */
import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../../../kernel/triplet/samplers/random';

export type Name = 'euclidean' | 'squared-euclidean' | 'cosine';

export function normalizeRow(u: number[]): number[] {
  const s = Math.sqrt(u.reduce((acc, v) => acc + v * v, 0));
  return u.map((v) => v / Math.max(s, 1e-6));
}

export function dist(u: number[], v: number[], name: Name = 'euclidean'): number {
  if (name === 'cosine') {
    const a = normalizeRow(u);
    const b = normalizeRow(v);
    return 1 - a.reduce((acc, x, i) => acc + x * b[i], 0);
  }
  const sq = u.reduce((acc, x, i) => acc + (x - v[i]) ** 2, 0);
  return name === 'squared-euclidean' ? sq : Math.sqrt(sq);
}

export interface Triplet { a: number; p: number; n: number }

export function allTriplets(labels: number[]): Triplet[] {
  const out: Triplet[] = [];
  for (let a = 0; a < labels.length; a++) {
    for (let p = 0; p < labels.length; p++) {
      if (p === a || labels[p] !== labels[a]) continue;
      for (let n = 0; n < labels.length; n++) if (labels[n] !== labels[a]) out.push({ a, p, n });
    }
  }
  return out;
}

export function category(x: number[][], t: Triplet, margin: number, name: Name = 'euclidean'): 'easy' | 'semiHard' | 'hard' {
  const diff = dist(x[t.a], x[t.n], name) - dist(x[t.a], x[t.p], name);
  return diff > margin ? 'easy' : diff > 0 ? 'semiHard' : 'hard';
}

export function key(t: Triplet): string {
  return `${t.a},${t.p},${t.n}`;
}

/** Triplets of a miner result as sorted keys. */
export function minedKeys(m: { anchors: tf.Tensor; positives: tf.Tensor; negatives: tf.Tensor }): string[] {
  const a = Array.from(m.anchors.dataSync());
  const p = Array.from(m.positives.dataSync());
  const n = Array.from(m.negatives.dataSync());
  return a.map((v, i) => `${v},${p[i]},${n[i]}`).sort();
}

/** Seeded random points (the library's generator; none of the code compared here draws numbers). */
export function randomPoints(count: number, dim: number, seed: number, scale = 1): number[][] {
  const rnd = createRandom(seed).next;
  return Array.from({ length: count }, () => Array.from({ length: dim }, () => (rnd() * 2 - 1) * scale));
}

export function assertClose(actual: number, expected: number, tol: number, what: string): void {
  const ok = Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
  if (!ok) throw new Error(`${what}: expected ${expected}, got ${actual} (tolerance ${tol})`);
}

/** Central-difference check of d loss / d x at a few coordinates, relative tolerance. */
export function checkGradient(lossOf: (x: tf.Tensor2D) => tf.Scalar, x0: number[][], coords: [number, number][], tol = 1e-2, h = 1e-2): void {
  const x = tf.tensor2d(x0);
  const g = tf.grad((v: tf.Tensor) => lossOf(v as tf.Tensor2D))(x);
  const grad = g.arraySync() as number[][];
  g.dispose();
  x.dispose();
  const evalAt = (rows: number[][]): number => {
    const t = tf.tensor2d(rows);
    const l = lossOf(t);
    const v = l.dataSync()[0];
    l.dispose();
    t.dispose();
    return v;
  };
  for (const [i, j] of coords) {
    const plus = x0.map((r) => r.slice());
    const minus = x0.map((r) => r.slice());
    plus[i][j] += h;
    minus[i][j] -= h;
    const numeric = (evalAt(plus) - evalAt(minus)) / (2 * h);
    const ok = Math.abs(grad[i][j] - numeric) <= tol * Math.max(Math.abs(numeric), 0.1);
    if (!ok) throw new Error(`gradient at (${i}, ${j}): analytic ${grad[i][j]}, numeric ${numeric}`);
  }
}

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}
