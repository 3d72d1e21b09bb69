/**
 * Display payloads: the contract between the kernel-side watch/training code and the notebook
 * renderer. Plain JSON values only, so they survive the `.ipynb` file unchanged.
 */

export type DistanceKind = 'euclidean' | 'squared-euclidean' | 'cosine';

/** Triplet categories of Schroff et al. 2015 (FaceNet) §3.2: easy d(a,n) > d(a,p)+m, semi-hard d(a,p) < d(a,n) ≤ d(a,p)+m, hard d(a,n) ≤ d(a,p). */
export interface TripletCategories {
  easy: number;
  semiHard: number;
  hard: number;
}

export interface BinnedDistances {
  /** Bin edges, ascending, length bins + 1. */
  binEdges: number[];
  /** Counts of anchor-positive pair distances per bin (length bins). */
  positive: number[];
  /** Counts of anchor-negative pair distances per bin (length bins). */
  negative: number[];
}

export interface DistancesPayload extends BinnedDistances {
  version: 1;
  distance: DistanceKind;
  margin: number;
  /** Counts of triplets per category. */
  triplets: TripletCategories;
  meanPositive: number;
  meanNegative: number;
  rocAuc: number;
  /** An earlier snapshot, drawn as a ghost outline. */
  previous?: BinnedDistances;
  title?: string;
  step?: number;
}

export interface EncodedUint16 {
  encoding: 'uint16';
  /** Base64 of little-endian Uint16 values. */
  data: string;
}

export interface EncodedLabels {
  /** `uint8` when every label is < 256 (smaller notebooks), else `uint16`. */
  encoding: 'uint8' | 'uint16';
  data: string;
}

export interface EncodedCoords extends EncodedUint16 {
  /** Per-axis minimum and maximum: value = min + q / 65535 × (max − min). */
  min: number[];
  max: number[];
}

export interface EncodedNeighbors {
  k: number;
  encoding: 'uint16' | 'uint32';
  /** Base64 of count × k row-major indices of the k nearest neighbours in EMBEDDING space (not in the projection). */
  data: string;
}

export type ProjectionMethod = 'pca' | 'umap' | 'tsne';

export interface ProjectionPayload {
  version: 1;
  method: ProjectionMethod;
  dims: 2 | 3;
  count: number;
  /** Interleaved x,y(,z) quantised per axis. */
  coords: EncodedCoords;
  labels: EncodedLabels | number[];
  labelNames?: string[];
  neighbors?: EncodedNeighbors;
  params: Record<string, number | string | boolean>;
  explainedVariance?: number[];
  /** Trustworthiness of this picture with k neighbours (1: no false neighbours on screen). */
  trustworthiness?: ProjectionTrustworthiness;
  /** A layout still being computed (or stopped) while this frame, an earlier one, is shown. */
  pending?: PendingProjection;
  title?: string;
}

export interface ProjectionTrustworthiness {
  k: number;
  value: number;
}

export interface PendingProjection {
  method: ProjectionMethod;
  /** Share of the layout's steps done, 0 … 1. */
  progress: number;
  /** The layout was stopped (an interrupt) and this frame stays. */
  stopped?: boolean;
}

export type TrainingStatus = 'running' | 'done' | 'interrupted' | 'error';

export interface TrainingPayload {
  version: 1;
  status: TrainingStatus;
  step: number;
  totalSteps: number;
  epoch: number;
  totalEpochs: number;
  /** Steps of the points in `loss`. */
  lossSteps: number[];
  /** Downsampled loss curve, at most 500 points. */
  loss: number[];
  /** Fractions of all valid triplets in the latest batch. */
  fractions: TripletCategories;
  fractionHistory?: { steps: number[]; easy: number[]; semiHard: number[]; hard: number[] };
  elapsedSeconds: number;
  message?: string;
  validation?: { step: number; metric: string; value: number }[];
  /**
   * The margin and mining in use from each step on: the first entry is the fit's start, each
   * later one a change (from code, a schedule or the editor) during the run. The last is in use now.
   */
  config?: TrainingConfigChange[];
}

/** From `step` on, training used this margin and mining. */
export interface TrainingConfigChange {
  step: number;
  margin: number;
  mining: string;
}

/** A projection decoded into typed arrays, ready to plot. */
export interface DecodedProjection {
  method: ProjectionMethod;
  dims: 2 | 3;
  count: number;
  /** Interleaved x,y(,z), dequantised. */
  coords: Float32Array;
  labels: Uint16Array;
  labelNames: string[];
  /** count × k, row-major; empty with k = 0 when the payload has no neighbours. */
  neighbors: Uint32Array;
  k: number;
  params: Record<string, number | string | boolean>;
  explainedVariance?: number[];
  trustworthiness?: ProjectionTrustworthiness;
  pending?: PendingProjection;
  title?: string;
}
