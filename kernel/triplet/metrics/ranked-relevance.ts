/**
 * Which retrieved neighbours share the query's label, plus how many references could have:
 * the input every retrieval metric reads (PML AccuracyCalculator's knn_labels / label_counts).
 */
export interface RankedRelevance {
  /** `n × k` row-major: 1 where neighbour t of query i has query i's label. */
  relevant: Uint8Array;
  k: number;
  /** Per query, R = references with the query's label (self excluded in leave-one-out). */
  matches: Int32Array;
}

/**
 * Queries whose label has no reference (R = 0) can never be answered correctly; like PML's
 * `not_lone_query_mask` they are left out of every average.
 */
export function answerableQueries(r: RankedRelevance): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.matches.length; i++) if (r.matches[i] > 0) out.push(i);
  return out;
}
