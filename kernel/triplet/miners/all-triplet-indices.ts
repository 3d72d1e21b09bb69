import type { TripletIndices } from './types';
import { groupByAnchor } from './categorize-triplets';

/** Every valid triplet (a ≠ p with label[a] = label[p], label[n] ≠ label[a]) of a batch, from labels alone. */
export function allTripletIndices(labels: Int32Array): TripletIndices {
  const { positives, negatives } = groupByAnchor(labels);
  let count = 0;
  for (let a = 0; a < labels.length; a++) count += positives[a].length * negatives[a].length;
  const out = { anchors: new Int32Array(count), positives: new Int32Array(count), negatives: new Int32Array(count) };
  let k = 0;
  for (let a = 0; a < labels.length; a++) {
    for (const p of positives[a]) {
      for (const n of negatives[a]) {
        out.anchors[k] = a;
        out.positives[k] = p;
        out.negatives[k] = n;
        k++;
      }
    }
  }
  return out;
}
