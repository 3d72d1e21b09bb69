import * as tf from '@tensorflow/tfjs';
import { assertEmbeddings, assertLabels, TripletInputError } from '../validation';
import type { LabelsLike, MinedTriplets } from './types';

/** A batch joined with the memory: rows [0, batch) are the batch (with its gradient), the rest the stored embeddings (constants). */
export interface JoinedBatch {
  embeddings: tf.Tensor2D;
  labels: Int32Array;
  /** Rows of the batch at the top of `embeddings`. */
  batch: number;
}

const FN = 'crossBatchMemory';

/**
 * Cross-batch memory (XBM, Wang et al. 2020, "Cross-Batch Memory for Embedding Learning"): a
 * queue of the most recent `size` embeddings and labels. Embeddings drift slowly once training
 * has warmed up, so those of past batches stand in for the current model's and give each anchor
 * negatives (and positives) far beyond its own batch — with many identities, the hard negatives a
 * P×K batch almost never holds. pytorch-metric-learning calls it CrossBatchMemory.
 *
 * One step: `join` the batch to the memory, mine on the joined rows with any miner, `keepBatchAnchors`
 * (only batch rows are anchors: the memory has no gradient), compute the loss on the joined rows,
 * then `enqueue` the batch. Memory: size × dims floats, held on the host.
 */
export class CrossBatchMemory {
  private data = new Float32Array(0);
  private readonly labelsQueue: Int32Array;
  private dims = 0;
  private next = 0;
  private count = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new TripletInputError('size', FN, `is ${String(size)}`, 'Use a positive integer number of embeddings to remember, e.g. 1024 (several batches).');
    }
    this.labelsQueue = new Int32Array(size);
  }

  /** Embeddings now stored (at most `size`). */
  get filled(): number {
    return this.count;
  }

  /** Stored embeddings, oldest first, and their labels (copies). */
  contents(): { x: Float32Array; labels: Int32Array; n: number; dims: number } {
    const order = Array.from({ length: this.count }, (_, t) => (this.next - this.count + t + this.size) % this.size);
    const x = new Float32Array(this.count * this.dims);
    order.forEach((slot, t) => x.set(this.data.subarray(slot * this.dims, (slot + 1) * this.dims), t * this.dims));
    return { x, labels: Int32Array.from(order, (slot) => this.labelsQueue[slot]), n: this.count, dims: this.dims };
  }

  /** Stores a batch (a detached copy); the oldest entries leave once the memory is full. */
  enqueue(embeddings: tf.Tensor2D | { x: Float32Array; n: number; dims: number }, labels: LabelsLike): void {
    const rows = embeddings instanceof tf.Tensor ? { x: embeddings.dataSync() as Float32Array, n: embeddings.shape[0], dims: embeddings.shape[1] } : embeddings;
    if (embeddings instanceof tf.Tensor) assertEmbeddings(embeddings, 'embeddings', `${FN}.enqueue`);
    const ids = assertLabels(labels, rows.n, `${FN}.enqueue`);
    this.checkDims(rows.dims, `${FN}.enqueue`);
    // A batch larger than the memory keeps only its last `size` rows.
    for (let i = Math.max(0, rows.n - this.size); i < rows.n; i++) {
      this.data.set(rows.x.subarray(i * rows.dims, (i + 1) * rows.dims), this.next * this.dims);
      this.labelsQueue[this.next] = ids[i];
      this.next = (this.next + 1) % this.size;
      this.count = Math.min(this.count + 1, this.size);
    }
  }

  /** The batch on top of the stored embeddings, one matrix for miners and losses. */
  join(embeddings: tf.Tensor2D, labels: LabelsLike): JoinedBatch {
    assertEmbeddings(embeddings, 'embeddings', `${FN}.join`);
    const ids = assertLabels(labels, embeddings.shape[0], `${FN}.join`);
    const batch = embeddings.shape[0];
    if (this.count === 0) return { embeddings, labels: ids, batch };
    this.checkDims(embeddings.shape[1], `${FN}.join`);
    const stored = this.contents();
    const joinedLabels = new Int32Array(batch + stored.n);
    joinedLabels.set(ids);
    joinedLabels.set(stored.labels, batch);
    const joined = tf.tidy(() => tf.concat([embeddings, tf.tensor2d(stored.x, [stored.n, stored.dims])], 0) as tf.Tensor2D);
    return { embeddings: joined, labels: joinedLabels, batch };
  }

  /**
   * The mined triplets whose anchor is a batch row (positives and negatives may be anywhere):
   * the memory's own rows have no gradient, so triplets anchored there would cost time for
   * nothing. Disposes the index tensors of `mined`.
   */
  keepBatchAnchors(mined: MinedTriplets, batch: number): MinedTriplets {
    const a = mined.anchors.dataSync();
    const p = mined.positives.dataSync();
    const q = mined.negatives.dataSync();
    const keep: number[] = [];
    for (let t = 0; t < a.length; t++) if (a[t] < batch) keep.push(t);
    const pick = (v: ArrayLike<number>) => tf.tensor1d(Int32Array.from(keep, (t) => v[t]), 'int32');
    const out = { anchors: pick(a), positives: pick(p), negatives: pick(q), stats: mined.stats };
    tf.dispose([mined.anchors, mined.positives, mined.negatives]);
    return out;
  }

  clear(): void {
    this.count = 0;
    this.next = 0;
  }

  private checkDims(dims: number, fn: string): void {
    if (this.dims === 0) {
      this.dims = dims;
      this.data = new Float32Array(this.size * dims);
    } else if (dims !== this.dims) {
      throw new TripletInputError('embeddings', fn, `have ${dims} columns but the memory holds ${this.dims}`, 'Use one memory per embedding size, or clear() it and start again.');
    }
  }
}

/** `new CrossBatchMemory(size)`: see CrossBatchMemory. */
export function crossBatchMemory(options: { size: number }): CrossBatchMemory {
  return new CrossBatchMemory(options?.size);
}
