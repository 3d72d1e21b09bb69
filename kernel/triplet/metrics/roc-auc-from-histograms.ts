import { TripletInputError } from '../validation/errors';

/**
 * ROC-AUC from pre-binned distances over the same ascending bin edges: a negative in bin j beats
 * every positive in a lower bin and ties (½) with those in bin j, so the result equals the exact
 * AUC of the binned values. With no pairs on one side the AUC is undefined and 0.5 (chance) is
 * returned, which keeps the distances payload valid for a batch with a single class.
 */
export function rocAucFromHistograms(positiveCounts: ArrayLike<number>, negativeCounts: ArrayLike<number>): number {
  const FN = 'rocAucFromHistograms';
  if (positiveCounts.length !== negativeCounts.length) {
    throw new TripletInputError('negativeCounts', FN, `has ${negativeCounts.length} bins but positiveCounts has ${positiveCounts.length}`,
      'Bin both histograms over the same bin edges.');
  }
  let positivesBelow = 0;
  let pairs = 0;
  let np = 0;
  let nn = 0;
  for (let j = 0; j < positiveCounts.length; j++) {
    const p = positiveCounts[j];
    const n = negativeCounts[j];
    if (!(p >= 0) || !(n >= 0)) {
      throw new TripletInputError(p >= 0 ? 'negativeCounts' : 'positiveCounts', FN, `has ${p >= 0 ? n : p} in bin ${j}`, 'Counts must be non-negative numbers.');
    }
    pairs += n * (positivesBelow + 0.5 * p);
    positivesBelow += p;
    np += p;
    nn += n;
  }
  return np === 0 || nn === 0 ? 0.5 : pairs / (np * nn);
}
