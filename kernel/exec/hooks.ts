import type { CellRunInfo, HookRegistry } from '../api';
import { KernelApiArgumentError } from './errors';

type Hook = (info: CellRunInfo) => void | Promise<void>;

/** IPython's `post_run_cell` event: hooks run in order, awaited, and one failing never stops the others. */
export class Hooks implements HookRegistry {
  private readonly postRun: Hook[] = [];

  on(event: 'post_run_cell', fn: Hook): () => void {
    this.check(event, fn, 'kernel.hooks.on');
    this.postRun.push(fn);
    return () => this.off(event, fn);
  }

  off(event: 'post_run_cell', fn: Hook): void {
    this.check(event, fn, 'kernel.hooks.off');
    const i = this.postRun.indexOf(fn);
    if (i >= 0) this.postRun.splice(i, 1);
  }

  /** Runs every hook; a hook's error goes to `report` and the next hook still runs. */
  async run(info: CellRunInfo, report: (err: unknown) => void): Promise<void> {
    for (const fn of [...this.postRun]) {
      try {
        await fn(info);
      } catch (err) {
        report(err);
      }
    }
  }

  private check(event: string, fn: unknown, where: string): void {
    if (event !== 'post_run_cell') throw new KernelApiArgumentError(where, 'event', `is '${String(event)}', which is not a known event`, "use 'post_run_cell'");
    if (typeof fn !== 'function') throw new KernelApiArgumentError(where, 'fn', `must be a function, got ${typeof fn}`, 'pass (info) => { ... }');
  }
}
