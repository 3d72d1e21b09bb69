import { CellSyntaxError } from './errors';
import { rewriteModuleSyntax } from './rewrite-modules';

type Sucrase = typeof import('sucrase');
let sucrase: Sucrase | undefined;

/** Loads the transpiler ahead of the first cell (the kernel can call it once it is idle). */
export function loadTranspiler(): void {
  sucrase ??= require('sucrase') as Sucrase;
}

/**
 * TypeScript → JavaScript for one cell. Sucrase only removes types and keeps every line and
 * column of the remaining code, so stack traces point into the cell as the user wrote it.
 * Unused imports are kept: a later cell may use what this one imported.
 */
export function transpileCell(code: string): string {
  loadTranspiler();
  let js: string;
  try {
    js = sucrase!.transform(code, {
      transforms: ['typescript'],
      keepUnusedImports: true,
      disableESTransforms: true,
    }).code;
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    if (!e.loc) throw err;
    throw new CellSyntaxError(e.message.replace(/\s*\(\d+:\d+\)$/, ''), e.loc.line, e.loc.column);
  }
  return rewriteModuleSyntax(js);
}
