import { TripletInputError } from './errors';

/** Throws when a batch has no rows: every loss and miner needs at least one sample. */
export function assertNonEmpty(count: number, argument: string, functionName: string): void {
  if (count <= 0) {
    throw new TripletInputError(argument, functionName, 'is an empty batch (0 rows)',
      'Pass at least two samples of one class and one of another class.');
  }
}
