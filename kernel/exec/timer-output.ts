import type { OutputRouter } from './output-router';

type TimerName = 'setTimeout' | 'setInterval' | 'setImmediate';
const TIMERS: readonly TimerName[] = ['setTimeout', 'setInterval', 'setImmediate'];

/**
 * Output of a timer goes under the cell that started it, even after that cell finished and
 * others ran (`setTimeout(() => console.log('late'), 1000); 1`): each callback runs with the
 * output sink that was current when the timer was set, so its messages carry that execute
 * request as parent and frontends route them to its cell (Jupyter's rule). Timers, not every
 * async continuation: following promises would need async_hooks, and with those enabled an
 * interrupt can no longer stop a busy loop after an await (kernel/server/stop-stuck-cell.ts).
 * Code after an `await` inside a timer callback prints under the most recent cell.
 * Returns the undo.
 */
export function routeTimerOutput(router: OutputRouter): () => void {
  const g = globalThis as unknown as Record<TimerName, (callback: unknown, ...rest: unknown[]) => unknown>;
  const undo = TIMERS.map((name) => {
    const original = g[name];
    const wrapped = function (this: unknown, callback: unknown, ...rest: unknown[]) {
      const origin = router.current;
      if (typeof callback !== 'function' || !origin) return original.call(this, callback, ...rest);
      const underOrigin = function (this: unknown, ...args: unknown[]) {
        return router.within(origin, () => (callback as (...a: unknown[]) => unknown).apply(this, args));
      };
      return original.call(this, underOrigin, ...rest);
    };
    // Keeps what Node hangs on the originals (util.promisify.custom).
    g[name] = Object.assign(wrapped, original);
    return () => {
      if (g[name] === wrapped) g[name] = original;
    };
  });
  return () => undo.forEach((fn) => fn());
}
