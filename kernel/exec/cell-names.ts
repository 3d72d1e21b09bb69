/**
 * Script names of cell code (`//# sourceURL=`): tracebacks quote the cell by them, and the
 * socket thread recognises a paused cell by them when it must stop one (kernel/server/stop-stuck-cell.ts).
 */
export function cellScriptName(executionCount: number): string {
  return `cell-${executionCount}.ts`;
}

export function expressionScriptName(n: number): string {
  return `cell-expression-${n}.ts`;
}

export function isCellScript(url: string): boolean {
  return /^cell-(\d+|expression-\d+)\.ts$/.test(url);
}
