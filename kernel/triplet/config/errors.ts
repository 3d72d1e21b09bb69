import { TripletInputError } from '../validation/errors';

/** An option of `configure` with a value it cannot take; names the option and the valid values. */
export function optionError(option: string, functionName: string, got: unknown, valid: string): TripletInputError {
  return new TripletInputError(option, functionName, `is ${describe(got)}`, `Use ${valid}.`);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'function') return 'a function';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
