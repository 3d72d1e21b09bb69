import type { Worker } from 'worker_threads';
import { startWorker } from '../../worker-thread';
import { countsLength, MatrixRowCounter, type MatrixInput } from './matrix-histograms';
import type { PairHistograms } from './histogram-frame';
import { CONTROL_DONE, CONTROL_NEXT, CONTROL_ROWS, ROW_BLOCK, type RowJob } from './row-job';

/** Below this many matrix entries one thread is quick enough and no worker is started. */
export const SPLIT_MIN_ENTRIES = 250_000;
/** `TRIPLETLAB_WATCH_WORKER=0` keeps every snapshot on the kernel's thread (e.g. on one core). */
export const WORKER_ENV = 'TRIPLETLAB_WATCH_WORKER';
/** A worker that has not finished its share by then is given up on; its rows are counted again. */
const WORKER_TIMEOUT_MS = 30_000;

/** Rows being counted, started by `RowSplitter.start`; `finish` returns the histograms. */
export interface RowCount {
  /** Counts the rows nobody took yet on this thread, waits for the worker, adds both. */
  finish(): PairHistograms;
  /** After `finish`: anchor rows the worker counted (0 when it did not take part). */
  workerRows(): number;
}

/**
 * Splits a snapshot's anchor rows between the kernel's thread and one worker thread. The worker
 * starts counting as soon as a snapshot begins, while this thread computes the projection and the
 * neighbours; then both take blocks of rows from a shared counter until none are left, so the
 * split balances itself. Counts are exact either way; the float sums behind the means are added in
 * another order (differences ~1e-16 relative).
 *
 * The worker loads only the counting code (no TensorFlow.js), is started on the first large
 * snapshot, and does not keep the process alive. Until it reports ready, or if it ever fails,
 * every row is counted on this thread.
 */
export class RowSplitter {
  private static instance: RowSplitter | undefined;
  private worker: Worker | undefined;
  private ready = false;
  private broken = false;
  private readyWaiters: (() => void)[] = [];

  static shared(): RowSplitter {
    return (RowSplitter.instance ??= new RowSplitter());
  }

  /** For reports: 'ready' when rows are being split, 'starting', 'off' (never needed or failed). */
  status(): 'ready' | 'starting' | 'off' {
    return this.ready ? 'ready' : this.worker ? 'starting' : 'off';
  }

  /** Whether a snapshot of n points should use shared buffers (the worker is, or will be, there). */
  wants(n: number): boolean {
    if (process.env[WORKER_ENV] === '0') return false;
    return !this.broken && typeof SharedArrayBuffer === 'function' && n * n >= SPLIT_MIN_ENTRIES;
  }

  /** Starts the worker if needed; resolves once it can take rows (or at once if it cannot start). */
  whenReady(): Promise<void> {
    this.ensureWorker();
    if (this.ready || this.broken) return Promise.resolve();
    // Someone waits: keep the process alive until the worker reports.
    this.worker?.ref();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Begins counting `input`'s rows; the worker joins when its arrays are shared and it is ready. */
  start(input: MatrixInput): RowCount {
    const counter = new MatrixRowCounter(input);
    const mine = new Float64Array(countsLength(input.options.bins));
    const anchors = counter.anchors;
    const alone = (): RowCount => ({
      finish: () => {
        counter.countRows(0, anchors, mine);
        return counter.finish([mine]);
      },
      workerRows: () => 0,
    });
    if (!this.wants(input.n)) return alone();
    this.ensureWorker();
    if (!this.ready || !this.worker || !isShared(input.values)) return alone();

    const job: RowJob = {
      input: { ...input, x: shared(input.x), labels: shared(input.labels) },
      control: new Int32Array(new SharedArrayBuffer(12)),
      result: new Float64Array(new SharedArrayBuffer(8 * countsLength(input.options.bins))),
    };
    this.worker.postMessage(job);
    return {
      finish: () => {
        for (;;) {
          const from = Atomics.add(job.control, CONTROL_NEXT, ROW_BLOCK);
          if (from >= anchors) break;
          counter.countRows(from, Math.min(from + ROW_BLOCK, anchors), mine);
        }
        Atomics.wait(job.control, CONTROL_DONE, 0, WORKER_TIMEOUT_MS);
        if (Atomics.load(job.control, CONTROL_DONE) === 1) return counter.finish([mine, job.result]);
        // Failed or stuck: the rows it took are unknown, so count everything here.
        this.giveUp();
        const all = new Float64Array(countsLength(input.options.bins));
        counter.countRows(0, anchors, all);
        return counter.finish([all]);
      },
      workerRows: () => (Atomics.load(job.control, CONTROL_DONE) === 1 ? Atomics.load(job.control, CONTROL_ROWS) : 0),
    };
  }

  private ensureWorker(): void {
    if (this.worker || this.broken) return;
    try {
      this.worker = startWorker(__filename, 'row-worker');
    } catch {
      this.giveUp();
      return;
    }
    this.worker.on('message', (msg: { type?: string }) => {
      if (msg?.type === 'ready') {
        this.ready = true;
        this.wakeWaiters();
      }
    });
    this.worker.on('error', () => this.giveUp());
    this.worker.on('exit', () => this.giveUp());
    // After the listeners: attaching a 'message' listener refs the worker again.
    this.worker.unref();
  }

  private giveUp(): void {
    this.broken = true;
    this.ready = false;
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate().catch(() => undefined);
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    this.worker?.unref();
    for (const wake of this.readyWaiters.splice(0)) wake();
  }
}

/** A float32 buffer for a matrix of n × n entries, shared with the worker when it will be used. */
export function matrixBuffer(n: number, previous: Float32Array | undefined): Float32Array {
  const wantShared = RowSplitter.shared().wants(n);
  if (previous && previous.length === n * n && isShared(previous) === wantShared) return previous;
  return wantShared ? new Float32Array(new SharedArrayBuffer(4 * n * n)) : new Float32Array(n * n);
}

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

function shared<T extends Float32Array | Int32Array>(a: T): T {
  if (isShared(a)) return a;
  const copy = new (a.constructor as { new (b: SharedArrayBuffer): T })(new SharedArrayBuffer(a.byteLength));
  copy.set(a as never);
  return copy;
}
