import { answerableQueries, type RankedRelevance } from './ranked-relevance';

/**
 * Recall@K as used in deep metric learning (Song et al. 2016, CUB/Cars/SOP benchmarks): the
 * fraction of queries with at least one same-label reference among their K nearest.
 */
export function recallAtK(r: RankedRelevance, K: number): number {
  const qs = answerableQueries(r);
  if (qs.length === 0) return 0;
  const upto = Math.min(K, r.k);
  let hits = 0;
  for (const i of qs) {
    for (let t = 0; t < upto; t++) {
      if (r.relevant[i * r.k + t]) {
        hits++;
        break;
      }
    }
  }
  return hits / qs.length;
}
