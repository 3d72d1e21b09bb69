import { toHostMatrix, type MatrixInput } from '../../metrics/matrix-input';
import { assertLabels, type LabelsInput } from '../../validation';

export interface ClassCentres {
  /** Class ids in order of first appearance. */
  classIds: number[];
  /** Mean embedding of each class, row-major `classIds.length × dims`, same order. */
  centres: Float32Array;
  /** Samples averaged into each centre. */
  counts: Int32Array;
  dims: number;
}

/**
 * Running per-class sums, fed one block of rows at a time, so class means of any number of
 * samples (e.g. embeddings computed chunk by chunk) take O(classes × dims) memory.
 */
export class CentreSums {
  private readonly slot = new Map<number, number>();
  private sums = new Float64Array(0);
  private counts = new Int32Array(0);
  private classes = 0;

  constructor(readonly dims: number) {}

  add(rows: Float32Array, n: number, labels: ArrayLike<number>): void {
    const d = this.dims;
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      let s = this.slot.get(l);
      if (s === undefined) {
        s = this.classes++;
        this.slot.set(l, s);
        if (s >= this.counts.length) this.grow();
      }
      this.counts[s]++;
      const out = s * d;
      const from = i * d;
      for (let j = 0; j < d; j++) this.sums[out + j] += rows[from + j];
    }
  }

  finish(): ClassCentres {
    const d = this.dims;
    const c = this.classes;
    const centres = new Float32Array(c * d);
    for (let s = 0; s < c; s++) for (let j = 0; j < d; j++) centres[s * d + j] = this.sums[s * d + j] / this.counts[s];
    return { classIds: [...this.slot.keys()], centres, counts: this.counts.slice(0, c), dims: d };
  }

  private grow(): void {
    const cap = Math.max(64, this.counts.length * 2);
    const sums = new Float64Array(cap * this.dims);
    sums.set(this.sums);
    const counts = new Int32Array(cap);
    counts.set(this.counts);
    this.sums = sums;
    this.counts = counts;
  }
}

/**
 * Mean embedding per class: the identity representatives Wang et al. 2017 (§3.2) cluster into
 * subspaces. Read once into a typed array; sums in float64, so a class of many samples keeps its
 * precision.
 */
export function classCentres(embeddings: MatrixInput, labels: LabelsInput): ClassCentres {
  const fn = 'classCentres';
  const m = toHostMatrix(embeddings, 'embeddings', fn);
  const ids = assertLabels(labels, m.n, fn);
  const sums = new CentreSums(m.dims);
  sums.add(m.data, m.n, ids);
  return sums.finish();
}
