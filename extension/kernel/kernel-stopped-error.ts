/** The kernel was stopped or restarted from the editor while a cell was running or waiting to run. */
export class KernelStoppedError extends Error {
  constructor() {
    super('The tripletlab kernel was restarted or stopped before this cell finished, so it did not complete. Run it again; cells run before the restart must run again too.');
    this.name = 'KernelStoppedError';
  }
}
