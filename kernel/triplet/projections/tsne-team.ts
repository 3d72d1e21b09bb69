import { performance } from 'node:perf_hooks';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'worker_threads';
import { startWorker } from '../../worker-thread';
import { sumShares, type SpaceTree, type TreeView } from './barnes-hut';
import { measureChunks, PAIR_ROW_CHUNK, type PairJob } from './candidate-pairs';
import { copyOf } from './shared-memory';
import { AFFINITY_ROW_CHUNK, conditionalChunks, type ConditionalJob } from './tsne-affinities';
import { attractionChunks, POINT_CHUNK, repulsionChunks, type ForceState } from './tsne-forces';
import {
  awaitCompleted, BUFFERS, type ChunkSource, Command, COMMAND, completeChunk, COMPLETED, controlWords, FAILED, NEXT_ATTRACT_CHUNK, NEXT_CHUNK,
  SEQ, STARTED, tagged, takeChunk, TREE_READY,
} from './tsne-team-control';
import type { TeamBuffers } from './tsne-team-worker';

/** A helper that has not loaded its module by then is reported instead of waited for forever. */
const START_TIMEOUT_MS = 120_000;

/**
 * Helper threads for one t-SNE layout. The layout's thread (the kernel's, or a layout worker's)
 * stays in charge: per iteration it builds the Barnes–Hut tree while the helpers take chunks of
 * points for the attraction; once the tree is built every thread takes what is left of those,
 * then chunks for the repulsion (one hand-off per iteration). The neighbour search's candidate
 * pairs and the input affinities' rows are shared out the same way. The helpers call the very
 * routines the one-thread path calls, on shared memory, and every point's result is computed by
 * one thread alone, so the layout is bit-for-bit the one-thread layout. Hand-offs are Atomics on
 * a few shared words (tsne-team-control.ts); the helpers never need this thread's event loop,
 * so it may block while they work.
 */
export class TsneTeam {
  private readonly control = controlWords();
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly started = performance.now();
  private seq = 0;
  private gen = 0;
  private tree?: TreeView;
  private closed = false;

  /** Starts `helpers` threads; they load while the neighbour search runs. */
  constructor(readonly helpers: number) {
    for (let index = 0; index < helpers; index++) {
      const { port1, port2 } = new MessageChannel();
      const worker = startWorker(__filename, 'tsne-team-worker', { workerData: { control: this.control, port: port2 }, transferList: [port2] });
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
    }
  }

  /** Measures a block of NN-descent's candidate pairs (nnDescent's `measure`), rows shared out among all threads. */
  readonly measure = {
    shared: true as const,
    run: (job: PairJob): void => {
      this.post({ pairs: job });
      this.run(Command.Pairs, Math.ceil((job.to - job.from) / PAIR_ROW_CHUNK), (seq) => measureChunks(job, this.chunks(NEXT_CHUNK, seq)));
    },
  };

  /** P_{j|i} of every row (tsneAffinities' first step), rows shared out among all threads. */
  conditional(job: ConditionalJob): void {
    const shared: ConditionalJob = { ...job, distances: copyOf(job.distances), conditional: copyOf(job.conditional) };
    this.post({ conditional: shared });
    this.run(Command.Affinities, Math.ceil(job.n / AFFINITY_ROW_CHUNK), (seq) => conditionalChunks(shared, this.chunks(NEXT_CHUNK, seq)));
    job.conditional.set(shared.conditional);
  }

  /** Hands the helpers the layout's arrays (made by forceState(..., shared = true)). */
  share(s: ForceState): void {
    this.post({ forces: s });
  }

  /** One iteration's forces, as forcesOnOneThread computes them; returns Z. */
  forces(s: ForceState, tree: SpaceTree): number {
    this.run(Command.Forces, 2 * Math.ceil(s.n / POINT_CHUNK), (seq) => {
      tree.build(s.y, s.n);
      const view = tree.view();
      // The tree reallocates its arrays when it needs more nodes: the helpers need the new ones.
      if (!this.tree || view.child !== this.tree.child || view.packed !== this.tree.packed || view.order !== this.tree.order || view.leafOf !== this.tree.leafOf) {
        this.tree = view;
        this.post({ tree: view });
      }
      Atomics.store(this.control, TREE_READY, seq);
      Atomics.notify(this.control, TREE_READY);
      attractionChunks(s, this.chunks(NEXT_ATTRACT_CHUNK, seq));
      repulsionChunks(s, view, this.chunks(NEXT_CHUNK, seq));
    });
    return sumShares(s.zShare, s.n);
  }

  /** Stops the helpers (at once if they are idle, after their current chunk otherwise). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, COMMAND, Command.Stop);
    Atomics.store(this.control, SEQ, ++this.seq);
    Atomics.notify(this.control, SEQ);
    for (const port of this.ports) port.close();
    for (const worker of this.workers) void worker.terminate();
  }

  private chunks(counter: number, seq: number): ChunkSource {
    return { take: () => takeChunk(this.control, counter, seq), done: () => completeChunk(this.control) };
  }

  private post(buffers: Omit<TeamBuffers, 'gen'>): void {
    this.gen++;
    for (const port of this.ports) port.postMessage({ ...buffers, gen: this.gen });
    Atomics.store(this.control, BUFFERS, this.gen);
  }

  /**
   * Posts a command of `chunks` chunks, takes chunks itself (`own`), then waits until every
   * chunk taken is finished: chunks a helper took and has not finished, never a helper asleep.
   */
  private run(command: Command, chunks: number, own: (seq: number) => void): void {
    const { control } = this;
    const seq = ++this.seq;
    Atomics.store(control, COMPLETED, 0);
    Atomics.store(control, NEXT_CHUNK, tagged(seq));
    Atomics.store(control, NEXT_ATTRACT_CHUNK, tagged(seq));
    Atomics.store(control, COMMAND, command);
    Atomics.store(control, SEQ, seq);
    Atomics.notify(control, SEQ);
    own(seq);
    awaitCompleted(control, chunks, this.check);
  }

  /** Throws if a helper failed (with its message) or never started. */
  private readonly check = (): void => {
    if (Atomics.load(this.control, FAILED) !== 0) {
      const messages = this.ports.map((p) => receiveMessageOnPort(p)?.message).filter((m) => m !== undefined);
      this.close();
      throw new Error(`t-SNE: a helper thread failed: ${messages.join('\n') || 'no message'}`);
    }
    if (Atomics.load(this.control, STARTED) < this.helpers && performance.now() - this.started > START_TIMEOUT_MS) {
      this.close();
      throw new Error(`t-SNE: a helper thread did not start within ${START_TIMEOUT_MS / 1000} s; pass threads: 1 to lay out on one thread`);
    }
  };
}
