/**
 * A training worker: a replica of the model on its own TensorFlow.js (wasm) backend that runs the
 * forward and backward passes of its shard of each batch. The kernel's thread computes the loss
 * of the whole batch between the two passes (see parallel-step.ts), so the replica waits inside
 * its gradient tape for dL/d(embeddings) and no pass is run twice.
 */
import { parentPort } from 'node:worker_threads';
import { CONTROL, setState, State, waitFor, type ShardBuffers } from './shared-step';

// One backend notice per session: the kernel's thread has printed it already.
(globalThis as Record<symbol, unknown>)[Symbol.for('tripletlab.backend.noticePrinted')] = true;
const backendModule = require('../../backend') as typeof import('../../backend');
const tf = backendModule.loadTf();

interface Setup {
  type: 'model';
  modelJson: string;
  weights: SharedArrayBuffer;
  x: SharedArrayBuffer;
  dims: number;
  buffers: ShardBuffers;
}

let model: import('@tensorflow/tfjs').LayersModel | undefined;
let setup: Setup | undefined;

async function takeModel(s: Setup): Promise<void> {
  await backendModule.ready();
  model?.dispose();
  const json = JSON.parse(s.modelJson) as { modelTopology: object };
  model = await tf.models.modelFromJSON(json as never);
  setup = s;
}

function step(): void {
  const s = setup!;
  const m = model!;
  const control = new Int32Array(s.buffers.control);
  const n = control[CONTROL.rows];
  const rows = new Int32Array(s.buffers.rows, 0, n);
  const weights = new Float32Array(s.weights);
  const x = new Float32Array(s.x);
  const vars = m.trainableWeights.map((w) => w.read() as import('@tensorflow/tfjs').Variable);
  tf.tidy(() => {
    let at = 0;
    for (const v of vars) {
      v.assign(tf.tensor(weights.subarray(at, at + v.size), v.shape));
      at += v.size;
    }
  });
  const batch = new Float32Array(n * s.dims);
  for (let i = 0; i < n; i++) batch.set(x.subarray(rows[i] * s.dims, (rows[i] + 1) * s.dims), i * s.dims);
  const xb = tf.tensor2d(batch, [n, s.dims]);
  const { value, grads } = tf.variableGrads(() => {
    const e = tf.reshape(m.apply(xb, { training: true }) as import('@tensorflow/tfjs').Tensor, [n, -1]);
    new Float32Array(s.buffers.embeddings, 0, e.size).set(e.dataSync());
    setState(control, State.embedded);
    waitFor(control, [State.backward], 'waiting for the batch loss', { sliceMs: 100 });
    const upstream = tf.tensor(new Float32Array(s.buffers.gradOut, 0, e.size).slice(), e.shape);
    return tf.sum(tf.mul(e, upstream)) as import('@tensorflow/tfjs').Scalar;
  }, vars);
  const out = new Float32Array(s.buffers.grads);
  let at = 0;
  for (const v of vars) {
    out.set(grads[v.name].dataSync(), at);
    at += v.size;
  }
  tf.dispose([xb, value, ...Object.values(grads)]);
  setState(control, State.done);
}

function loop(): void {
  const control = new Int32Array(setup!.buffers.control);
  for (;;) {
    // Timed slices: a thread blocked in an endless wait could not be terminated when the process exits.
    const state = waitFor(control, [State.step, State.leave], 'waiting for a step', { sliceMs: 100 });
    if (state === State.leave) {
      setState(control, State.idle);
      return;
    }
    try {
      step();
    } catch (err) {
      parentPort!.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
      setState(control, State.failed);
      return;
    }
  }
}

parentPort!.on('message', (msg: Setup | { type: 'run' }) => {
  if (msg.type === 'model') {
    takeModel(msg).then(
      () => parentPort!.postMessage({ type: 'ready' }),
      (err: unknown) => parentPort!.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
    );
  } else if (msg.type === 'run') {
    loop();
    parentPort!.postMessage({ type: 'left' });
  }
});
