/**
 * ROC-AUC of "same class ⇔ smaller distance": the probability that a random positive-pair
 * distance is below a random negative-pair distance, ties counting one half. Computed as the
 * Mann–Whitney U statistic from mid-ranks (Hanley & McNeil 1982), O(n log n).
 */
export function rocAucFromDistances(positive: Float64Array, negative: Float64Array): number {
  const np = positive.length;
  const nn = negative.length;
  const all = new Float64Array(np + nn);
  all.set(positive);
  all.set(negative, np);
  const order = Array.from({ length: np + nn }, (_, i) => i).sort((a, b) => all[a] - all[b]);
  let negativeRankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && all[order[j + 1]] === all[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (order[t] >= np) negativeRankSum += midRank;
    i = j + 1;
  }
  const u = negativeRankSum - (nn * (nn + 1)) / 2;
  return u / (np * nn);
}
