import { TripletInputError } from './errors';

/**
 * A margin option, checked: undefined gives `fallback`; anything but a finite number ≥ 0 throws,
 * so NaN cannot turn every loss into NaN silently and a string cannot surface as a tfjs error
 * about `add` deep inside the loss.
 */
export function checkMargin(value: unknown, fallback: number, functionName: string, argument = 'options.margin'): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    const shown = typeof value === 'string' ? `'${value}'` : String(value);
    throw new TripletInputError(argument, functionName, `is ${shown}`,
      `Use a finite number ≥ 0 (a distance; default ${fallback}).`);
  }
  return value;
}
