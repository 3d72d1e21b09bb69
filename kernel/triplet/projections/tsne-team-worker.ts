import { receiveMessageOnPort, workerData, type MessagePort } from 'worker_threads';
import type { TreeView } from './barnes-hut';
import { measureChunks, type PairJob } from './candidate-pairs';
import { conditionalChunks, type ConditionalJob } from './tsne-affinities';
import { attractionChunks, repulsionChunks, type ForceState } from './tsne-forces';
import {
  awaitValue, BUFFERS, type ChunkSource, Command, COMMAND, completeChunk, COMPLETED, FAILED, NEXT_ATTRACT_CHUNK, NEXT_CHUNK, SEQ, STARTED,
  takeChunk, TREE_READY,
} from './tsne-team-control';

/** What the layout's thread posts: the arrays of the next commands, all in shared memory. */
export interface TeamBuffers {
  gen: number;
  forces?: ForceState;
  tree?: TreeView;
  conditional?: ConditionalJob;
  pairs?: PairJob;
}

/**
 * A helper thread of a t-SNE layout (TsneTeam): waits for a command in the shared control
 * words, takes chunks of it until none is left, waits for the next, until told to stop. It
 * never returns to its event loop while the layout runs, so new arrays come by receiveMessageOnPort.
 */
function main(): void {
  const { control, port } = workerData as { control: Int32Array; port: MessagePort };
  const current: Partial<TeamBuffers> = { gen: 0 };
  const chunks = (counter: number, seq: number): ChunkSource => ({ take: () => takeChunk(control, counter, seq), done: () => completeChunk(control) });
  const stopIfFailed = () => {
    if (Atomics.load(control, FAILED) !== 0) throw new StopSignal();
  };
  /** Takes in every set of arrays posted so far (the layout's thread posts before it signals). */
  const receiveBuffers = () => {
    while (current.gen !== Atomics.load(control, BUFFERS)) Object.assign(current, (receiveMessageOnPort(port)?.message ?? {}) as TeamBuffers);
  };
  Atomics.add(control, STARTED, 1);
  let seen = 0;
  try {
    for (;;) {
      awaitValue(control, SEQ, seen + 1, stopIfFailed, true);
      // The newest command: one that ended while this thread slept is skipped (its counters
      // now carry a newer tag, so nothing could be taken from it anyway).
      seen = Atomics.load(control, SEQ);
      receiveBuffers();
      const command = Atomics.load(control, COMMAND) as Command;
      if (command === Command.Stop) break;
      if (command === Command.Forces) {
        attractionChunks(current.forces!, chunks(NEXT_ATTRACT_CHUNK, seen));
        awaitValue(control, TREE_READY, seen, stopIfFailed, true);
        receiveBuffers();
        repulsionChunks(current.forces!, current.tree!, chunks(NEXT_CHUNK, seen));
      } else if (command === Command.Affinities) conditionalChunks(current.conditional!, chunks(NEXT_CHUNK, seen));
      else if (command === Command.Pairs) measureChunks(current.pairs!, chunks(NEXT_CHUNK, seen));
    }
  } catch (err) {
    if (err instanceof StopSignal) return;
    port.postMessage(err instanceof Error ? err.stack ?? err.message : String(err));
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, COMPLETED);
  } finally {
    port.close();
  }
}

/** Another helper failed: the layout's thread reports it and stops this one too. */
class StopSignal extends Error {}

main();
