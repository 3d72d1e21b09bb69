import { answerableQueries, type RankedRelevance } from './ranked-relevance';

/** Fraction of queries whose nearest reference has the query's label (PML `precision_at_1`). */
export function precisionAtOne(r: RankedRelevance): number {
  const qs = answerableQueries(r);
  if (qs.length === 0 || r.k === 0) return 0;
  let hits = 0;
  for (const i of qs) hits += r.relevant[i * r.k];
  return hits / qs.length;
}
