import { meanOverAnswerable, type RankedRelevance } from './ranked-relevance';

/**
 * R-precision: with R the query's number of same-label references, the fraction of its R nearest
 * that share its label (Musgrave et al. 2020, "A Metric Learning Reality Check", §3.2).
 * When fewer than R neighbours were retrieved, the missing ones count as misses.
 */
export function rPrecision(r: RankedRelevance): number {
  return meanOverAnswerable(r, (i, R) => {
    const upto = Math.min(R, r.k);
    let hits = 0;
    for (let t = 0; t < upto; t++) hits += r.relevant[i * r.k + t];
    return hits / R;
  });
}
