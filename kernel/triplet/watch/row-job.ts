import type { MatrixInput } from './matrix-histograms';

/** Anchor rows taken at a time by either thread: small enough to balance, large enough to be cheap. */
export const ROW_BLOCK = 8;
/** control[CONTROL_NEXT]: the next anchor row nobody has taken (Atomics.add). */
export const CONTROL_NEXT = 0;
/** control[CONTROL_DONE]: 0 while the worker counts, 1 when its counts are in `result`, 2 on failure. */
export const CONTROL_DONE = 1;
/** control[CONTROL_ROWS]: anchor rows the worker counted (for reports and tests). */
export const CONTROL_ROWS = 2;

/** One snapshot's rows shared with the worker; every array lives in a SharedArrayBuffer. */
export interface RowJob {
  input: MatrixInput;
  control: Int32Array;
  result: Float64Array;
}
