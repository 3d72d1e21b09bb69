/**
 * Intervals (setInterval) started by cells, so that an interrupt can stop them: an interval that
 * prints keeps writing into whichever cell runs next, and an interrupt while no cell runs had
 * nothing to stop, so only a restart ended it. Only intervals: a one-off setTimeout ends by
 * itself, and the kernel's own timers are timeouts that must not be cleared.
 */
export class CellIntervals {
  private readonly live = new Set<unknown>();
  private readonly undo: () => void;

  constructor() {
    const g = globalThis as { setInterval: typeof setInterval; clearInterval: typeof clearInterval };
    const originalSet = g.setInterval;
    const originalClear = g.clearInterval;
    const live = this.live;
    const tracked = function setInterval(this: unknown, ...args: Parameters<typeof originalSet>) {
      const handle = originalSet.apply(this, args);
      live.add(handle);
      return handle;
    } as typeof originalSet;
    const untracked = function clearInterval(this: unknown, handle: Parameters<typeof originalClear>[0]) {
      live.delete(handle);
      // A Timeout's numeric id (`+handle`) clears it too; find the handle it belongs to.
      if (typeof handle === 'number' || typeof handle === 'string') for (const h of live) if (Number(h) === Number(handle)) live.delete(h);
      return originalClear.call(this, handle);
    } as typeof originalClear;
    g.setInterval = Object.assign(tracked, originalSet);
    g.clearInterval = untracked;
    this.undo = () => {
      if (g.setInterval === tracked) g.setInterval = originalSet;
      if (g.clearInterval === untracked) g.clearInterval = originalClear;
    };
  }

  /** Clears every interval still running; returns how many there were. */
  stopAll(): number {
    const n = this.live.size;
    for (const handle of this.live) clearInterval(handle as NodeJS.Timeout);
    this.live.clear();
    return n;
  }

  dispose(): void {
    this.undo();
  }
}
