import { DISTANCE_NAMES, type DistanceName } from '../distances/types';
import { TripletInputError } from '../validation/errors';
import { assertLabels, type LabelsInput } from '../validation/assert-labels';
import { chunkedKnn } from './knn';
import { toHostMatrix, type MatrixInput } from './matrix-input';
import { meanAveragePrecisionAtR } from './map-at-r';
import { precisionAtOne } from './precision-at-one';
import { rPrecision } from './r-precision';
import type { RankedRelevance } from './ranked-relevance';
import { recallAtK } from './recall-at-k';

export interface RetrievalOptions {
  /** K values for Recall@K (default [1, 5, 10]). */
  k?: number | number[];
  /** Query set = reference set, each query's own row excluded (default: true without `reference`). */
  leaveOneOut?: boolean;
  /** Default `euclidean`. */
  distance?: DistanceName;
  /** A separate reference (gallery) set; the embeddings passed first are then the queries. */
  reference?: { embeddings: MatrixInput; labels: LabelsInput };
}

export interface RetrievalMetrics {
  precisionAtOne: number;
  rPrecision: number;
  mapAtR: number;
  recallAtK: Record<number, number>;
  /** Queries counted: those with at least one same-label reference (PML leaves lone queries out). */
  queries: number;
  /** Neighbours retrieved per query: the largest R or K needed. */
  neighbors: number;
}

const FN = 'retrievalMetrics';

/**
 * PML AccuracyCalculator's retrieval metrics (precision@1, R-precision, MAP@R) plus Recall@K,
 * from exact k-nearest neighbours computed block by block (see chunkedKnn). Ties in distance
 * rank the smaller reference index first.
 */
export function retrievalMetrics(embeddings: MatrixInput, labels: LabelsInput, options: RetrievalOptions = {}): RetrievalMetrics {
  const distance = options.distance ?? 'euclidean';
  if (!DISTANCE_NAMES.includes(distance)) {
    throw new TripletInputError('options.distance', FN, `is ${JSON.stringify(distance)}`, `Use one of ${DISTANCE_NAMES.join(', ')}.`);
  }
  const ks = Array.isArray(options.k) ? options.k : options.k === undefined ? [1, 5, 10] : [options.k];
  for (const K of ks) {
    if (!Number.isInteger(K) || K < 1) {
      throw new TripletInputError('options.k', FN, `contains ${K}`, 'Give Recall@K values as positive integers, e.g. { k: [1, 5, 10] }.');
    }
  }
  const query = toHostMatrix(embeddings, 'embeddings', FN);
  const queryLabels = assertLabels(labels, query.n, FN, 'labels');
  const leaveOneOut = options.leaveOneOut ?? options.reference === undefined;
  const reference = options.reference ? toHostMatrix(options.reference.embeddings, 'options.reference.embeddings', FN) : query;
  const referenceLabels = options.reference
    ? assertLabels(options.reference.labels, reference.n, FN, 'options.reference.labels')
    : queryLabels;
  if (reference.dims !== query.dims) {
    throw new TripletInputError('options.reference.embeddings', FN, `has ${reference.dims} columns but embeddings have ${query.dims}`,
      'Embed queries and references with the same model.');
  }
  if (leaveOneOut && reference.n !== query.n) {
    throw new TripletInputError('options.leaveOneOut', FN, `is true but queries (${query.n}) and references (${reference.n}) differ in number`,
      'Leave-one-out needs query = reference: drop options.reference, or set leaveOneOut: false.');
  }

  const counts = new Map<number, number>();
  for (const l of referenceLabels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const matches = new Int32Array(query.n);
  let maxR = 0;
  for (let i = 0; i < query.n; i++) {
    matches[i] = (counts.get(queryLabels[i]) ?? 0) - (leaveOneOut ? 1 : 0);
    maxR = Math.max(maxR, matches[i]);
  }

  const knn = chunkedKnn(query, reference, { k: Math.max(maxR, ...ks), distance, excludeSelf: leaveOneOut });
  const relevant = new Uint8Array(query.n * knn.k);
  for (let i = 0; i < query.n; i++) {
    for (let t = 0; t < knn.k; t++) relevant[i * knn.k + t] = referenceLabels[knn.indices[i * knn.k + t]] === queryLabels[i] ? 1 : 0;
  }
  const ranked: RankedRelevance = { relevant, k: knn.k, matches };
  const recall: Record<number, number> = {};
  for (const K of ks) recall[K] = recallAtK(ranked, K);
  let answerable = 0;
  for (const m of matches) if (m > 0) answerable++;
  return {
    precisionAtOne: precisionAtOne(ranked),
    rPrecision: rPrecision(ranked),
    mapAtR: meanAveragePrecisionAtR(ranked),
    recallAtK: recall,
    queries: answerable,
    neighbors: knn.k,
  };
}
