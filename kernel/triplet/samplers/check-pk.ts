import { TripletInputError } from '../validation';

/** P ≥ 2 classes (a negative needs another class) and K ≥ 2 samples (a positive needs another sample). */
export function checkPK(P: unknown, K: unknown, eligible: number, functionName: string): void {
  if (!Number.isInteger(P) || (P as number) < 2) {
    throw new TripletInputError('P', functionName, `is ${String(P)}`, 'Use an integer P ≥ 2: every anchor needs negatives from another class.');
  }
  if (!Number.isInteger(K) || (K as number) < 2) {
    throw new TripletInputError('K', functionName, `is ${String(K)}`, 'Use an integer K ≥ 2: every anchor needs a positive from its own class.');
  }
  if ((P as number) > eligible) {
    throw new TripletInputError('P', functionName, `is ${String(P)} but only ${eligible} classes have at least 2 samples`,
      `Use P ≤ ${eligible}, or add samples to the small classes.`);
  }
}
