import { receiveMessageOnPort, workerData, type MessagePort } from 'worker_threads';
import { conditionalChunks, type ConditionalJob } from './tsne-affinities';
import { attractionChunks, repulsionChunks, type ForceState } from './tsne-forces';
import type { TreeView } from './barnes-hut';
import { awaitValue, BUFFERS, Command, COMMAND, DONE, FAILED, NEXT_ATTRACT_CHUNK, NEXT_CHUNK, SEQ, STARTED, TREE_READY } from './tsne-team-control';

/** What the layout's thread posts: the arrays of the next commands, all in shared memory. */
export interface TeamBuffers {
  gen: number;
  forces?: ForceState;
  tree?: TreeView;
  conditional?: ConditionalJob;
}

/**
 * A helper thread of a t-SNE layout (TsneTeam): waits for a command in the shared control
 * words, runs its share on the shared arrays, reports it done, until told to stop. It never
 * returns to its event loop while the layout runs, so new arrays come by receiveMessageOnPort.
 */
function main(): void {
  const { control, port, index } = workerData as { control: Int32Array; port: MessagePort; index: number };
  const current: Partial<TeamBuffers> = { gen: 0 };
  const take = () => Atomics.add(control, NEXT_CHUNK, 1);
  const takeAttract = () => Atomics.add(control, NEXT_ATTRACT_CHUNK, 1);
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
      awaitValue(control, SEQ, seen + 1, stopIfFailed);
      seen++;
      receiveBuffers();
      const command = Atomics.load(control, COMMAND) as Command;
      if (command === Command.Stop) break;
      if (command === Command.Forces) {
        attractionChunks(current.forces!, takeAttract);
        awaitValue(control, TREE_READY, seen, stopIfFailed);
        receiveBuffers();
        repulsionChunks(current.forces!, current.tree!, take);
      } else if (command === Command.Affinities) conditionalChunks(current.conditional!, take);
      Atomics.store(control, DONE + index, seen);
      Atomics.notify(control, DONE + index);
    }
  } catch (err) {
    if (err instanceof StopSignal) return;
    port.postMessage(err instanceof Error ? err.stack ?? err.message : String(err));
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, DONE + index);
  } finally {
    port.close();
  }
}

/** Another helper failed: the layout's thread reports it and stops this one too. */
class StopSignal extends Error {}

main();
