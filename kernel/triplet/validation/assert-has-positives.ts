import { TripletInputError } from './errors';

/**
 * Throws when no class has two samples: then no anchor has a positive and no triplet can be
 * formed at all, which is almost always a sampler mistake (use a P×K sampler with K ≥ 2). A batch
 * with positives but a single class is legal and gives a zero loss.
 */
export function assertHasPositives(labels: Int32Array, functionName: string, argument = 'labels'): void {
  const seen = new Set<number>();
  for (const l of labels) {
    if (seen.has(l)) return;
    seen.add(l);
  }
  throw new TripletInputError(argument, functionName,
    `has a single sample per class (${labels.length} samples, ${seen.size} classes), so no anchor has a positive`,
    'Draw batches with at least 2 samples per class, e.g. pkSampler({ labels, P, K: 2 or more }).');
}
