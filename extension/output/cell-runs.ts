import type { Message } from '../../kernel/wire/messages';
import type { CellOutputs, OutputOp } from './cell-outputs';

/** How many finished runs keep receiving late output; older ones are forgotten so memory stays flat. */
const MAX_RUNS = 200;

/**
 * Which cell each execute request ran in, so output that arrives after its cell finished (a
 * timer's print) still goes under that cell: the kernel sends it with the request as parent, as
 * Jupyter routes output. Running requests are left to their cell's own execution; a cell run
 * again forgets its earlier runs, whose outputs were cleared (as JupyterLab drops them).
 */
export class CellRuns<C> {
  private readonly runs = new Map<string, { cell: C; outputs: CellOutputs<C> }>();
  private readonly running = new Set<string>();

  started(requestId: string, cell: C, outputs: CellOutputs<C>): void {
    for (const [id, run] of this.runs) if (run.cell === cell) this.runs.delete(id);
    this.runs.set(requestId, { cell, outputs });
    this.running.add(requestId);
    if (this.runs.size > MAX_RUNS) this.runs.delete(this.runs.keys().next().value as string);
  }

  finished(requestId: string): void {
    this.running.delete(requestId);
  }

  /** Output operations for a message of a finished run (none for running, forgotten or unknown requests). */
  late(msg: Pick<Message, 'header' | 'parent_header' | 'content'>): { cell: C; ops: OutputOp[] }[] {
    const id = (msg.parent_header as { msg_id?: unknown }).msg_id;
    if (typeof id !== 'string' || this.running.has(id)) return [];
    return this.runs.get(id)?.outputs.handle(msg) ?? [];
  }

  clear(): void {
    this.runs.clear();
    this.running.clear();
  }
}
