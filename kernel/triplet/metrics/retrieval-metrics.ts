import { DISTANCE_NAMES, type DistanceName } from '../distances/types';
import { TripletInputError } from '../validation/errors';
import { assertLabels, type LabelsInput } from '../validation/assert-labels';
import { chunkedKnn, chunkedKnnAsync, type KnnOptions, type KnnResult } from './knn';
import type { PacerOptions } from '../training/pacer';
import { toHostMatrix, type HostMatrix, type MatrixInput } from './matrix-input';
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
  /** Product-block budget in floats (default 4M = 16 MB); see chunkedKnn. */
  blockFloats?: number;
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
const FN_ASYNC = 'retrievalMetricsAsync';

interface RetrievalPlan {
  query: HostMatrix;
  reference: HostMatrix;
  queryLabels: Int32Array;
  referenceLabels: Int32Array;
  ks: number[];
  matches: Int32Array;
  knnOptions: KnnOptions;
}

/** Checks the arguments and works out R per query and how many neighbours to retrieve. */
function planRetrieval(embeddings: MatrixInput, labels: LabelsInput, options: RetrievalOptions, fn: string): RetrievalPlan {
  const distance = options.distance ?? 'euclidean';
  if (!DISTANCE_NAMES.includes(distance)) {
    throw new TripletInputError('options.distance', fn, `is ${JSON.stringify(distance)}`, `Use one of ${DISTANCE_NAMES.join(', ')}.`);
  }
  const ks = Array.isArray(options.k) ? options.k : options.k === undefined ? [1, 5, 10] : [options.k];
  for (const K of ks) {
    if (!Number.isInteger(K) || K < 1) {
      throw new TripletInputError('options.k', fn, `contains ${K}`, 'Give Recall@K values as positive integers, e.g. { k: [1, 5, 10] }.');
    }
  }
  const query = toHostMatrix(embeddings, 'embeddings', fn);
  const queryLabels = assertLabels(labels, query.n, fn, 'labels');
  const leaveOneOut = options.leaveOneOut ?? options.reference === undefined;
  const reference = options.reference ? toHostMatrix(options.reference.embeddings, 'options.reference.embeddings', fn) : query;
  const referenceLabels = options.reference
    ? assertLabels(options.reference.labels, reference.n, fn, 'options.reference.labels')
    : queryLabels;
  if (reference.dims !== query.dims) {
    throw new TripletInputError('options.reference.embeddings', fn, `has ${reference.dims} columns but embeddings have ${query.dims}`,
      'Embed queries and references with the same model.');
  }
  if (leaveOneOut && reference.n !== query.n) {
    throw new TripletInputError('options.leaveOneOut', fn, `is true but queries (${query.n}) and references (${reference.n}) differ in number`,
      'Leave-one-out needs query = reference: drop options.reference, or set leaveOneOut: false.');
  }
  if (options.blockFloats !== undefined && !(Number.isInteger(options.blockFloats) && options.blockFloats > 0)) {
    throw new TripletInputError('options.blockFloats', fn, `is ${String(options.blockFloats)}`, 'Use a positive integer number of floats, e.g. 4_000_000 (16 MB).');
  }
  const counts = new Map<number, number>();
  for (const l of referenceLabels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const matches = new Int32Array(query.n);
  let maxR = 0;
  for (let i = 0; i < query.n; i++) {
    matches[i] = (counts.get(queryLabels[i]) ?? 0) - (leaveOneOut ? 1 : 0);
    if (matches[i] > maxR) maxR = matches[i];
  }
  const k = Math.max(maxR, ...ks);
  return { query, reference, queryLabels, referenceLabels, ks, matches, knnOptions: { k, distance, excludeSelf: leaveOneOut, blockFloats: options.blockFloats } };
}

function scoreRetrieval(plan: RetrievalPlan, knn: KnnResult): RetrievalMetrics {
  const { query, queryLabels, referenceLabels, matches } = plan;
  const relevant = new Uint8Array(query.n * knn.k);
  for (let i = 0; i < query.n; i++) {
    for (let t = 0; t < knn.k; t++) relevant[i * knn.k + t] = referenceLabels[knn.indices[i * knn.k + t]] === queryLabels[i] ? 1 : 0;
  }
  const ranked: RankedRelevance = { relevant, k: knn.k, matches };
  const recall: Record<number, number> = {};
  for (const K of plan.ks) recall[K] = recallAtK(ranked, K);
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

/**
 * PML AccuracyCalculator's retrieval metrics (precision@1, R-precision, MAP@R) plus Recall@K,
 * from exact k-nearest neighbours computed block by block (see chunkedKnn): memory is one
 * product block (`blockFloats`, 16 MB by default) plus k neighbours per query, never a
 * queries × references matrix. Ties in distance rank the smaller reference index first.
 */
export function retrievalMetrics(embeddings: MatrixInput, labels: LabelsInput, options: RetrievalOptions = {}): RetrievalMetrics {
  const plan = planRetrieval(embeddings, labels, options, FN);
  return scoreRetrieval(plan, chunkedKnn(plan.query, plan.reference, plan.knnOptions));
}

/**
 * `retrievalMetrics` for large sets (e.g. a 100,000 × 64 gallery): the same neighbours and
 * figures, computed block by block with the event loop free between blocks, progress through
 * `onProgress` ({ phase: 'neighbours', done, total } in query rows), and an end on `signal` or
 * `triplet.stop()` (the promise then rejects, naming how far it got).
 */
export async function retrievalMetricsAsync(
  embeddings: MatrixInput,
  labels: LabelsInput,
  options: RetrievalOptions & PacerOptions = {},
): Promise<RetrievalMetrics> {
  const plan = planRetrieval(embeddings, labels, options, FN_ASYNC);
  const knn = await chunkedKnnAsync(plan.query, plan.reference, { ...plan.knnOptions, signal: options.signal, onProgress: options.onProgress, sliceMs: options.sliceMs });
  if (knn.stopped) throw new RetrievalStoppedError(knn.rowsDone, plan.query.n);
  return scoreRetrieval(plan, knn);
}

/** `retrievalMetricsAsync` was stopped before every query had its neighbours. */
export class RetrievalStoppedError extends Error {
  constructor(readonly rowsDone: number, readonly rows: number) {
    super(`${FN_ASYNC}: stopped after ${rowsDone} of ${rows} queries; no metrics are computed from a part of the queries`);
    this.name = 'RetrievalStoppedError';
  }
}
