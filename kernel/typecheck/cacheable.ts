import type { CellDiagnostic } from '../api';

/** TypeScript's "Cannot find module …" codes: the answer changes once a cell installs the package. */
const MISSING_MODULE_CODES = new Set([2307, 2792, 7016]);

/**
 * Whether a cell's diagnostics may be reused while the earlier cells are unchanged. Not when they
 * say a module is missing: a cell may have installed it since, without declaring anything.
 */
export function cacheable(diags: readonly CellDiagnostic[]): boolean {
  return !diags.some((d) => MISSING_MODULE_CODES.has(d.code));
}
