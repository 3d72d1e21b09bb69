/** Raised by the runtime for problems in a cell's source, positioned in the cell's own lines (1-based). */
export class CellSyntaxError extends SyntaxError {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
    this.name = 'SyntaxError';
  }
}

/** The outcome of a cell stopped by an interrupt_request (Jupyter's KeyboardInterrupt). */
export class InterruptedError extends Error {
  constructor(message = 'the cell was stopped by an interrupt request') {
    super(message);
    this.name = 'Interrupted';
  }
}

/** A bad argument given to the kernel's own cell API (`display`, `kernel.comms`, ...). */
export class KernelApiArgumentError extends TypeError {
  constructor(fn: string, arg: string, problem: string, fix: string) {
    super(`${fn}: argument '${arg}' ${problem}; ${fix}`);
    this.name = 'TypeError';
  }
}
