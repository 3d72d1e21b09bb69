import { describeExit } from '../../kernel/wire/kernel-exit';

/** The kernel process ended while a cell was running or about to run. */
export class KernelDiedError extends Error {
  constructor(
    readonly code: number | null,
    readonly signal: string | null,
    readonly outputTail: string,
    how = describeExit({ code, signal }),
  ) {
    super(
      `The tripletlab kernel exited (${how}) while this cell was running. ` +
        'Variables defined so far are gone; run "tripletlab: Restart Kernel" and run the cells again. ' +
        'The notebook itself is unchanged.' +
        (outputTail ? `\nLast kernel output:\n${outputTail}` : ''),
    );
    this.name = 'KernelDiedError';
  }
}
