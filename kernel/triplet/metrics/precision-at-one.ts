import { meanOverAnswerable, type RankedRelevance } from './ranked-relevance';

/** Fraction of queries whose nearest reference has the query's label (PML `precision_at_1`). */
export function precisionAtOne(r: RankedRelevance): number {
  if (r.k === 0) return 0;
  return meanOverAnswerable(r, (i) => r.relevant[i * r.k]);
}
