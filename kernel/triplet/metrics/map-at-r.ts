import { meanOverAnswerable, type RankedRelevance } from './ranked-relevance';

/**
 * MAP@R (Musgrave et al. 2020, §3.2): per query, (1/R) Σ_{i=1..R} P(i)·rel(i), where P(i) is the
 * precision among the i nearest and rel(i) whether neighbour i shares the label; averaged over
 * queries. Unlike R-precision it rewards putting the correct neighbours first.
 */
export function meanAveragePrecisionAtR(r: RankedRelevance): number {
  return meanOverAnswerable(r, (i, R) => {
    const upto = Math.min(R, r.k);
    let hits = 0;
    let sum = 0;
    for (let t = 0; t < upto; t++) {
      if (r.relevant[i * r.k + t]) {
        hits++;
        sum += hits / (t + 1);
      }
    }
    return sum / R;
  });
}
