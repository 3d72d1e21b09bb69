import { meanOverAnswerable, type RankedRelevance } from './ranked-relevance';

/**
 * Recall@K as used in deep metric learning (Song et al. 2016, CUB/Cars/SOP benchmarks): the
 * fraction of queries with at least one same-label reference among their K nearest.
 */
export function recallAtK(r: RankedRelevance, K: number): number {
  const upto = Math.min(K, r.k);
  return meanOverAnswerable(r, (i) => {
    for (let t = 0; t < upto; t++) if (r.relevant[i * r.k + t]) return 1;
    return 0;
  });
}
