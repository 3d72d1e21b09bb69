import type * as tf from '@tensorflow/tfjs';
import type { MatrixInput } from '../metrics/matrix-input';

/** A model to train: a tf.LayersModel, or any function from a batch of inputs to embeddings. */
export type EmbeddingModel = tf.LayersModel | ((x: tf.Tensor) => tf.Tensor);

/** Training or probe data: rows of `x` (n × dims) with one integer class label per row. */
export interface LabelledData {
  x: Float32Array | tf.Tensor2D;
  labels: Int32Array | number[];
  /** Row length when `x` is a flat Float32Array (default: inferred from the model's input shape). */
  dims?: number;
}

export interface FitOptions {
  /** Default 1 (or as many as `steps` needs with `stepsPerEpoch`). */
  epochs?: number;
  /** Default: one pass over the data, ceil(n / (P·K)). */
  stepsPerEpoch?: number;
  /** Total steps; overrides epochs × stepsPerEpoch (epochs then split them evenly). */
  steps?: number;
  /** Classes per batch (default 8). */
  P?: number;
  /** Samples per class in a batch (default 4). */
  K?: number;
  /** An optimizer, or 'adam' / 'sgd' built with `learningRate` (default 'adam'). */
  optimizer?: tf.Optimizer | 'adam' | 'sgd';
  /** Default 1e-3 for 'adam', 0.01 for 'sgd'. */
  learningRate?: number;
  /** Held-out retrieval check (leave-one-out precision@1 and MAP@R) every `every` steps and at the end. */
  validation?: LabelledData & { every?: number };
  /** Seed for batch sampling and random miners (default 0). */
  seed?: number;
  /** Live plot in a notebook, a progress line on stderr elsewhere; false for neither (default true). */
  display?: boolean;
  /** Aborting it ends training after the current step, keeping the weights (status 'interrupted'). */
  signal?: AbortSignal;
  /**
   * How per-triplet losses become the batch loss. Default: 'mean-non-zero' with the hinge (PML's
   * AvgNonZeroTripletsReducer: easy triplets do not dilute the gradient), 'mean' with the soft
   * margin, which is never exactly zero (Hermans et al. 2017 §2).
   */
  reducer?: 'mean' | 'mean-non-zero' | 'sum';
  /**
   * Threads a step runs on: the batch is split over this many worker threads, each with a replica
   * of the model (data parallelism; the loss is still computed over the whole batch). Default 2 for
   * a convolutional tf.LayersModel on the wasm backend of a machine with 2 or more cores, else 1
   * (the kernel's thread): Dense-only models gain nothing, and BatchNormalization layers would see
   * per-thread batch statistics.
   */
  threads?: number;
  /** Yield to the event loop every this many steps so interrupts and `triplet.stop()` are seen (default 1). */
  yieldEvery?: number;
  /**
   * Cross-batch memory (XBM, Wang et al. 2020): the last `size` embeddings of past batches join
   * every batch for mining and the loss, so anchors meet negatives beyond their own batch.
   */
  memory?: { size: number };
  /**
   * How 'subspace-hard' mining builds its subspaces (Wang et al. 2017): by default k-means over
   * the identity centres of the model being trained, about 16·P identities per subspace, rebuilt
   * every epoch.
   */
  subspaces?: {
    /** Identities per subspace (default 16·P); or give `subspaces`, the number of them. */
    identitiesPerSubspace?: number;
    subspaces?: number;
    /** Rebuild from the current model every this many epochs (default 1). */
    rebuildEvery?: number;
    /** Per-sample features to cluster instead of the model's embeddings (e.g. from a pretrained model), one row per training row; built once. */
    features?: MatrixInput;
    /** Subspaces given outright (class ids per subspace, e.g. from buildSubspaces), used for the whole run. */
    groups?: number[][];
    /** Nearest negatives per anchor inside the batch (default 1, batch-hard). */
    negatives?: number;
  };
}

export type FitStatus = 'done' | 'interrupted';

export interface FitHistory {
  /** Loss of every step. */
  loss: number[];
  /** Category fractions of all valid triplets of every step's batch. */
  fractions: { easy: number[]; semiHard: number[]; hard: number[] };
  validation: { step: number; metric: string; value: number }[];
  /** Margin and mining from each step on: the start, then every change during the run (editor, code, schedule). */
  config: { step: number; margin: number; mining: string }[];
  /** Each subspace build of 'subspace-hard' mining: when, how many, their sizes and how long it took. */
  subspaces?: { step: number; epoch: number; count: number; sizes: number[]; seconds: number }[];
}

export interface FitResult<M extends EmbeddingModel = EmbeddingModel> {
  history: FitHistory;
  model: M;
  status: FitStatus;
  steps: number;
  seconds: number;
}
