import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { setState, shardBuffers, State, waitFor, type ShardBuffers } from './shared-step';

/** How long a step's shard may go unanswered before the step fails (a step takes milliseconds to seconds). */
const WORKER_PATIENCE_MS = 300_000;

export interface Shard {
  worker: Worker;
  buffers: ShardBuffers;
  control: Int32Array;
  alive: boolean;
  error?: string;
}

/**
 * Training workers with a replica of one model each, kept between `fit` calls of a session (a
 * worker takes ~1 s to load TensorFlow.js and compile wasm). `prepare` gives them a model's
 * architecture and the training rows; a new model or new data replaces the old.
 */
export class WorkerPool {
  readonly shards: Shard[] = [];
  weights?: Float32Array;
  /** Values per embedding (the model's output size). */
  embeddingSize = 0;
  private key = '';
  /** The training rows the workers read (shared memory). */
  private rows?: Float32Array;

  constructor(readonly size: number) {}

  /** Gets every worker ready for `model` on `x` (n × dims rows), in the step loop. */
  async prepare(model: tf.LayersModel, x: Float32Array, dims: number, maxRows: number, embeddingSize: number): Promise<void> {
    const modelJson = JSON.stringify(model.toJSON(null, false));
    const parameters = model.trainableWeights.reduce((a, w) => a + w.shape.reduce<number>((p, d) => p * (d as number), 1), 0);
    const key = `${modelJson}|${maxRows}|${embeddingSize}|${dims}`;
    // fit hands over a fresh copy of the rows each call: compare values, so that fitting the same
    // model on the same data again keeps the replicas and the shared rows.
    if (key === this.key && sameValues(x, this.rows) && this.shards.every((s) => s.alive)) return;
    await this.leaveLoops();
    const sharedX = new SharedArrayBuffer(x.byteLength);
    new Float32Array(sharedX).set(x);
    const weights = new SharedArrayBuffer(parameters * 4);
    this.weights = new Float32Array(weights);
    while (this.shards.length < this.size) this.shards.push(this.spawn());
    await Promise.all(this.shards.map((s) => {
      s.buffers = shardBuffers(maxRows, embeddingSize, parameters);
      s.control = new Int32Array(s.buffers.control);
      return this.request(s, { type: 'model', modelJson, weights, x: sharedX, dims, buffers: s.buffers }, 'ready');
    }));
    for (const s of this.shards) s.worker.postMessage({ type: 'run' });
    this.key = key;
    this.rows = new Float32Array(sharedX);
    this.embeddingSize = embeddingSize;
  }

  private spawn(): Shard {
    const worker = new Worker(join(__dirname, 'step-worker.js'));
    const shard = { worker, alive: true } as Shard;
    worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'failed') shard.error = m.message;
    });
    worker.on('error', (err) => { shard.error = err.message; shard.alive = false; });
    worker.on('exit', () => { shard.alive = false; });
    // After the listeners: attaching a 'message' listener refs the worker again. Idle workers must
    // not keep a process (a test, a script, the kernel at shutdown) from exiting.
    worker.unref();
    return shard;
  }

  private request(s: Shard, msg: object, answer: string): Promise<void> {
    return new Promise((resolve, reject) => {
      // Referenced while an answer is awaited (the process must wait for it), unreferenced after.
      const done = () => { s.worker.off('message', onMessage); s.worker.unref(); };
      const onMessage = (m: { type: string; message?: string }) => {
        if (m.type === answer) { done(); resolve(); }
        if (m.type === 'failed') { done(); reject(new Error(m.message)); }
      };
      s.worker.on('message', onMessage);
      s.worker.ref();
      s.worker.postMessage(msg);
    });
  }

  /** Takes every worker out of its step loop, so it can receive a new model. */
  private async leaveLoops(): Promise<void> {
    if (!this.key) return;
    this.key = '';
    await Promise.all(this.shards.filter((s) => s.alive).map((s) => {
      const left = new Promise<void>((resolve) => {
        const on = (m: { type: string }) => { if (m.type === 'left') { s.worker.off('message', on); s.worker.unref(); resolve(); } };
        s.worker.on('message', on);
        s.worker.ref();
      });
      setState(s.control, State.leave);
      return left;
    }));
  }

  /** Waits for shard `s` to answer with `state`; a failure in the worker becomes an error here. */
  wait(s: Shard, state: number, what: string): void {
    const now = waitFor(s.control, [state, State.failed], what, { alive: () => s.alive, patienceMs: WORKER_PATIENCE_MS });
    if (now === State.failed) {
      this.key = '';
      setState(s.control, State.idle);
      throw new Error(`training worker: ${s.error ?? 'failed'}`);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.worker.terminate()));
    this.shards.length = 0;
    this.key = '';
  }
}

function sameValues(a: Float32Array, b: Float32Array | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
