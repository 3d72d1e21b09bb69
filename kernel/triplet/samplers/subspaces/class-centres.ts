import * as tf from '@tensorflow/tfjs';
import { assertEmbeddings, assertLabels } from '../../validation';

export interface ClassCentres {
  /** Class ids in order of first appearance. */
  classIds: number[];
  /** Mean embedding of each class, same order. */
  centres: number[][];
}

/** Mean embedding per class: the class representatives Wang et al. 2017 cluster into subspaces. */
export function classCentres(embeddings: tf.Tensor2D, labels: tf.Tensor1D | Int32Array | number[]): ClassCentres {
  const fn = 'classCentres';
  assertEmbeddings(embeddings, 'embeddings', fn);
  const ids = assertLabels(labels, embeddings.shape[0], fn);
  const rows = embeddings.arraySync();
  const dim = embeddings.shape[1];
  const slot = new Map<number, number>();
  const sums: number[][] = [];
  const counts: number[] = [];
  ids.forEach((l, i) => {
    let s = slot.get(l);
    if (s === undefined) {
      s = sums.length;
      slot.set(l, s);
      sums.push(new Array(dim).fill(0));
      counts.push(0);
    }
    counts[s]++;
    for (let j = 0; j < dim; j++) sums[s][j] += rows[i][j];
  });
  return { classIds: [...slot.keys()], centres: sums.map((s, k) => s.map((v) => v / counts[k])) };
}
