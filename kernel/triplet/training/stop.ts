/** Training loops now running; `stop()` asks each to end after its current step. */
const running = new Set<{ stopped: boolean }>();

export function startRun(): { stopped: boolean; end(): void } {
  const run = {
    stopped: false,
    end() {
      running.delete(run);
    },
  };
  running.add(run);
  return run;
}

/**
 * `triplet.stop()`: ends every running `fit` after its current step; the model keeps the weights
 * trained so far and `fit` resolves with status 'interrupted'. Returns how many runs were asked.
 */
export function stop(): number {
  for (const r of running) r.stopped = true;
  return running.size;
}
