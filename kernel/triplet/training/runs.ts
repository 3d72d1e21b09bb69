/** One training loop (or other long work) that `stop()` can end. */
export interface Run {
  readonly stopped: boolean;
  /** Leaves the registry: `stop()` no longer counts it. */
  end(): void;
}

/** The training loops now running in one session; `stop()` asks each to end after its current step. */
export class TrainingRuns {
  private readonly running = new Set<{ stopped: boolean }>();

  start(): Run {
    const state = { stopped: false };
    this.running.add(state);
    return {
      get stopped() {
        return state.stopped;
      },
      end: () => {
        this.running.delete(state);
      },
    };
  }

  /** Asks every running loop to end after its current step; returns how many were asked. */
  stop(): number {
    for (const r of this.running) r.stopped = true;
    return this.running.size;
  }
}
