import { History } from './history';

/** One run of a cell, as the kernel numbers and records it. */
export interface CellRun {
  /** The cell's execution_count (In[n]); a silent run or one not stored in history reuses the last. */
  readonly count: number;
  /** The type service's id for this run: every run has its own, silent ones included. */
  readonly cellId: string;
  readonly code: string;
  readonly silent: boolean;
  readonly storeHistory: boolean;
}

/**
 * What the kernel knows of the cells it ran: the execution count, a serial id for every run,
 * the input history and the cell whose code runs now. One object that the request loop (which
 * serves editor requests while a cell runs and answers aborted requests with the count) and
 * execute_request both read; only execute_request advances it.
 */
export class ExecutionState {
  readonly history = new History();
  private executionCount = 0;
  private serial = 0;
  private running: CellRun | undefined;

  /** @param onRunning told when a cell's code starts and stops running (the interrupt flag). */
  constructor(private readonly onRunning: (running: boolean) => void = () => {}) {}

  /** The last execution_count given out (0 before the first stored cell). */
  get count(): number {
    return this.executionCount;
  }

  /** The cell whose code runs now; undefined between cells and while a cell waits for its type check. */
  get current(): CellRun | undefined {
    return this.running;
  }

  /** Numbers a new run and, when it is stored, records its input in the history. */
  begin(code: string, opts: { silent: boolean; storeHistory: boolean }): CellRun {
    // Spec: silent forces store_history off.
    const storeHistory = opts.silent ? false : opts.storeHistory;
    if (storeHistory) this.executionCount++;
    const run: CellRun = { count: this.executionCount, cellId: `cell-${++this.serial}`, code, silent: opts.silent, storeHistory };
    if (storeHistory) this.history.add(run.count, code);
    return run;
  }

  /** Runs the cell's code as the current cell. */
  async whileRunning<T>(run: CellRun, fn: () => Promise<T>): Promise<T> {
    this.running = run;
    this.onRunning(true);
    try {
      return await fn();
    } finally {
      this.running = undefined;
      this.onRunning(false);
    }
  }

  /** The text/plain result of a stored run, for history requests with output. */
  finished(run: CellRun, resultText: string | undefined): void {
    if (run.storeHistory && resultText !== undefined) this.history.setOutput(run.count, resultText);
  }
}
