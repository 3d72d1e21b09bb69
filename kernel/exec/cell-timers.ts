import type { OutputRouter } from './output-router';

type TimerName = 'setTimeout' | 'setInterval' | 'setImmediate';
type TimerFunction = (callback: unknown, ...rest: unknown[]) => unknown;
const TIMERS: readonly TimerName[] = ['setTimeout', 'setInterval', 'setImmediate'];

/**
 * The kernel's one wrapper around the global timer functions, for two things cells rely on:
 *
 * - **Output goes under the cell that set the timer**, even after that cell finished and others
 *   ran (`setTimeout(() => console.log('late'), 1000); 1`): each callback runs with the output
 *   sink that was current when the timer was set, so its messages carry that execute request as
 *   parent and frontends route them to its cell (Jupyter's rule). Timers, not every async
 *   continuation: following promises would need async_hooks, and with those enabled an interrupt
 *   can no longer stop a busy loop after an await (kernel/server/stop-stuck-cell.ts). Code after
 *   an `await` inside a timer callback prints under the most recent cell.
 * - **An interrupt stops the intervals cells started** (`stopAll`): an interval that prints keeps
 *   writing, and an interrupt while no cell runs had nothing to stop, so only a restart ended it.
 *   Only intervals: a one-off setTimeout ends by itself, and the kernel's own timers are timeouts
 *   that must not be cleared.
 */
export class CellTimers {
  private readonly live = new Set<unknown>();
  private readonly undo: (() => void)[];

  constructor(router: OutputRouter) {
    const g = globalThis as unknown as Record<TimerName, TimerFunction> & { clearInterval: typeof clearInterval };
    const live = this.live;
    this.undo = TIMERS.map((name) => {
      const original = g[name];
      const wrapped = function (this: unknown, callback: unknown, ...rest: unknown[]) {
        const origin = router.current;
        const run =
          typeof callback === 'function' && origin
            ? function (this: unknown, ...args: unknown[]) {
                return router.within(origin, () => (callback as (...a: unknown[]) => unknown).apply(this, args));
              }
            : callback;
        const handle = original.call(this, run, ...rest);
        if (name === 'setInterval') live.add(handle);
        return handle;
      };
      // Keeps what Node hangs on the originals (util.promisify.custom).
      g[name] = Object.assign(wrapped, original);
      return () => {
        if (g[name] === wrapped) g[name] = original;
      };
    });
    const originalClear = g.clearInterval;
    const untracked = function clearInterval(this: unknown, handle: Parameters<typeof originalClear>[0]) {
      live.delete(handle);
      // A Timeout's numeric id (`+handle`) clears it too; find the handle it belongs to.
      if (typeof handle === 'number' || typeof handle === 'string') for (const h of live) if (Number(h) === Number(handle)) live.delete(h);
      return originalClear.call(this, handle);
    } as typeof originalClear;
    g.clearInterval = untracked;
    this.undo.push(() => {
      if (g.clearInterval === untracked) g.clearInterval = originalClear;
    });
  }

  /** Clears every interval still running; returns how many there were. */
  stopAll(): number {
    const n = this.live.size;
    for (const handle of this.live) clearInterval(handle as NodeJS.Timeout);
    this.live.clear();
    return n;
  }

  /** Puts the global timer functions back as they were. */
  dispose(): void {
    this.undo.forEach((fn) => fn());
  }
}
