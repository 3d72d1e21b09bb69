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
 * The mean over answerable queries of `score(query, R)`, R the query's number of same-label
 * references: the frame every retrieval metric shares. Queries whose label has no reference
 * (R = 0) can never be answered correctly; like PML's `not_lone_query_mask` they are left out of
 * every average. 0 when no query is answerable.
 */
export function meanOverAnswerable(r: RankedRelevance, score: (query: number, R: number) => number): number {
  let total = 0;
  let answerable = 0;
  for (let i = 0; i < r.matches.length; i++) {
    const R = r.matches[i];
    if (R === 0) continue;
    total += score(i, R);
    answerable++;
  }
  return answerable === 0 ? 0 : total / answerable;
}
