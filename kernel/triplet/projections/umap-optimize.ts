import type { WeightedEdges } from './fuzzy-simplicial-set';
import { UmapGradientTable } from './umap-gradient-table';

export interface UmapSgdOptions {
  a: number;
  b: number;
  epochs: number;
  /** Step size at the first epoch, decreasing linearly to 0 (default 1). */
  learningRate?: number;
  /** Negative samples per positive edge sample (default 5). */
  negativeSampleRate?: number;
  /** Weight of the repulsive term (default 1). */
  repulsion?: number;
  seed?: number;
  /** Called every few epochs with (epochs done, total); returning false stops early. */
  tick?: (done: number, total: number) => boolean | void;
}

/** Gradient terms are clipped to ±4, as in umap-learn, so one close pair cannot throw a point away. */
const CLIP = 4;

function clip(v: number): number {
  return v > CLIP ? CLIP : v < -CLIP ? -CLIP : v;
}

/**
 * UMAP's layout optimisation (umap-learn `optimize_layout_euclidean`): stochastic gradient descent
 * on the fuzzy set cross-entropy, sampling each edge once per `max(w)/w` epochs (attraction, both
 * ends move) and, for each such sample, `negativeSampleRate` random points as repulsion (only the
 * head moves). Works in place on `embedding` (n × dims). Edges lighter than max(w)/epochs would be
 * sampled less than once and are skipped, as umap-learn does. Deterministic for a seed.
 */
export function optimizeUmapLayout(embedding: Float32Array, n: number, dims: number, edges: WeightedEdges, o: UmapSgdOptions): void {
  const { heads, tails, weights } = edges;
  const { a, b, epochs } = o;
  const lr0 = o.learningRate ?? 1;
  const negRate = o.negativeSampleRate ?? 5;
  const gamma = o.repulsion ?? 1;
  let maxW = 0;
  for (let e = 0; e < weights.length; e++) if (weights[e] > maxW) maxW = weights[e];
  const kept: number[] = [];
  for (let e = 0; e < weights.length; e++) if (weights[e] >= maxW / epochs) kept.push(e);
  const m = kept.length;
  const head = new Int32Array(m);
  const tail = new Int32Array(m);
  const perSample = new Float64Array(m);
  const nextSample = new Float64Array(m);
  const perNegative = new Float64Array(m);
  const nextNegative = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    const e = kept[t];
    head[t] = heads[e];
    tail[t] = tails[e];
    perSample[t] = maxW / weights[e];
    nextSample[t] = perSample[t];
    perNegative[t] = perSample[t] / negRate;
    nextNegative[t] = perNegative[t];
  }
  // xorshift32 inline: the negative draws are the innermost loop.
  let state = ((o.seed ?? 0) * 2654435761 + 1) >>> 0 || 1;
  const table = new UmapGradientTable(a, b, gamma);
  // Multiplying maps a 32-bit draw to 0 … n − 1 without a (slow, floating) modulo.
  const toIndex = n / 4294967296;
  const delta = new Float64Array(dims);
  const tickEvery = Math.max(1, Math.floor(epochs / 50));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = lr0 * (1 - epoch / epochs);
    for (let t = 0; t < m; t++) {
      if (nextSample[t] > epoch + 1) continue;
      const j = head[t];
      const k = tail[t];
      const pj = j * dims;
      let pk = k * dims;
      let d2 = 0;
      for (let c = 0; c < dims; c++) {
        const v = embedding[pj + c] - embedding[pk + c];
        delta[c] = v;
        d2 += v * v;
      }
      if (d2 > 0) {
        const coef = table.attract(d2);
        for (let c = 0; c < dims; c++) {
          const g = clip(coef * delta[c]) * alpha;
          embedding[pj + c] += g;
          embedding[pk + c] -= g;
        }
      }
      nextSample[t] += perSample[t];
      const negatives = Math.floor((epoch + 1 - nextNegative[t]) / perNegative[t]);
      if (dims === 2) {
        // The innermost loop of the whole layout, written out for the usual 2-d picture.
        let hx = embedding[pj];
        let hy = embedding[pj + 1];
        for (let s = 0; s < negatives; s++) {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          const q = Math.floor((state >>> 0) * toIndex);
          if (q === j) continue;
          const dx = hx - embedding[2 * q];
          const dy = hy - embedding[2 * q + 1];
          const dd = dx * dx + dy * dy;
          if (dd > 0) {
            const coef = table.repel(dd);
            hx += clip(coef * dx) * alpha;
            hy += clip(coef * dy) * alpha;
          } else {
            hx += CLIP * alpha;
            hy += CLIP * alpha;
          }
        }
        embedding[pj] = hx;
        embedding[pj + 1] = hy;
      } else {
        for (let s = 0; s < negatives; s++) {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          const q = Math.floor((state >>> 0) * toIndex);
          if (q === j) continue;
          pk = q * dims;
          d2 = 0;
          for (let c = 0; c < dims; c++) {
            const v = embedding[pj + c] - embedding[pk + c];
            delta[c] = v;
            d2 += v * v;
          }
          if (d2 > 0) {
            const coef = table.repel(d2);
            for (let c = 0; c < dims; c++) embedding[pj + c] += clip(coef * delta[c]) * alpha;
          } else {
            for (let c = 0; c < dims; c++) embedding[pj + c] += CLIP * alpha;
          }
        }
      }
      nextNegative[t] += negatives * perNegative[t];
    }
    if (o.tick && ((epoch + 1) % tickEvery === 0 || epoch + 1 === epochs) && o.tick(epoch + 1, epochs) === false) return;
  }
}
