import type { CellRunInfo, CellStartInfo, HookEvent, HookEvents, HookRegistry } from '../api';
import { KernelApiArgumentError } from './errors';

const EVENTS: readonly HookEvent[] = ['pre_run_cell', 'post_run_cell', 'interrupt'];

/**
 * `kernel.hooks`: IPython's `pre_run_cell` and `post_run_cell` events, and `interrupt`. Hooks run
 * in the order registered, cell hooks awaited; one failing never stops the others.
 */
export class Hooks implements HookRegistry {
  private readonly fns: { [E in HookEvent]: HookEvents[E][] } = { pre_run_cell: [], post_run_cell: [], interrupt: [] };

  on<E extends HookEvent>(event: E, fn: HookEvents[E]): () => void {
    this.check(event, fn, 'kernel.hooks.on');
    (this.fns[event] as HookEvents[E][]).push(fn);
    return () => this.off(event, fn);
  }

  off<E extends HookEvent>(event: E, fn: HookEvents[E]): void {
    this.check(event, fn, 'kernel.hooks.off');
    const list = this.fns[event] as HookEvents[E][];
    const i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
  }

  /**
   * Runs every pre_run_cell hook in order; a hook's error goes to `report` and the next hook
   * still runs. Returns a promise only once a hook returned one (the rest run after it settles),
   * so a cell that no hook has to prepare starts in the same turn, exactly as without hooks.
   */
  runPre(info: CellStartInfo, report: (err: unknown) => void): Promise<void> | undefined {
    const fns = [...this.fns.pre_run_cell];
    for (let i = 0; i < fns.length; i++) {
      let result: void | Promise<void>;
      try {
        result = fns[i](info);
      } catch (err) {
        report(err);
        continue;
      }
      if (result instanceof Promise) return this.finishPre(result, fns.slice(i + 1), info, report);
    }
    return undefined;
  }

  private async finishPre(pending: Promise<void>, rest: HookEvents['pre_run_cell'][], info: CellStartInfo, report: (err: unknown) => void): Promise<void> {
    await guarded(() => pending, report);
    for (const fn of rest) await guarded(() => fn(info), report);
  }

  /** Runs every post_run_cell hook in order, awaited; one failing never stops the others. */
  async runPost(info: CellRunInfo, report: (err: unknown) => void): Promise<void> {
    for (const fn of [...this.fns.post_run_cell]) await guarded(() => fn(info), report);
  }

  /** Runs every interrupt hook (synchronous: an interrupt is answered at once). */
  runInterrupt(report: (err: unknown) => void): void {
    for (const fn of [...this.fns.interrupt]) {
      try {
        fn();
      } catch (err) {
        report(err);
      }
    }
  }

  private check(event: unknown, fn: unknown, where: string): asserts event is HookEvent {
    if (!EVENTS.includes(event as HookEvent)) {
      throw new KernelApiArgumentError(where, 'event', `is '${String(event)}', which is not a known event`, `use one of ${EVENTS.map((e) => `'${e}'`).join(', ')}`);
    }
    if (typeof fn !== 'function') throw new KernelApiArgumentError(where, 'fn', `must be a function, got ${typeof fn}`, 'pass (info) => { ... }');
  }
}

async function guarded(fn: () => void | Promise<void>, report: (err: unknown) => void): Promise<void> {
  try {
    await fn();
  } catch (err) {
    report(err);
  }
}
