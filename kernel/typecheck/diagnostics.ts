import * as ts from 'typescript';
import type { CellDiagnostic } from '../api';
import type { CellSource } from './cellSource';
import type { NameKind } from './top-level-name';
import { lineAndColumn } from './positions';

/**
 * Diagnostics that are artefacts of checking a cell as a module rather than the user's fault:
 * the REPL allows top-level await and `for await` anywhere (1375, 1378, 1431, 1432), and
 * sucrase turns `import x = require()` into a plain require (1202).
 */
const NOT_THE_USERS_FAULT = new Set([1375, 1378, 1431, 1432, 1202]);

/**
 * "Cannot assign to 'f' because it is an import." — earlier cells' functions and classes arrive as
 * imports, but V8's REPL mode lets a later cell assign them like `let`s. (Earlier variables are
 * ambient variables of the cell, so their assignments are checked normally.)
 */
const ASSIGN_TO_IMPORT = 2632;

/** Turns the service's diagnostics on the generated text into diagnostics on the cell's own lines. */
export function toCellDiagnostics(
  diags: readonly ts.Diagnostic[],
  src: CellSource,
  priorKind: (name: string) => NameKind | undefined,
): CellDiagnostic[] {
  const out: CellDiagnostic[] = [];
  for (const d of diags) {
    if (NOT_THE_USERS_FAULT.has(d.code) || d.start === undefined) continue;
    const start = src.toOriginal(d.start);
    if (start === undefined) continue;
    if (d.code === ASSIGN_TO_IMPORT) {
      const kind = priorKind(src.code.slice(start, start + (d.length ?? 0)));
      if (kind === 'function' || kind === 'class') continue;
    }
    const { line, column } = lineAndColumn(src.code, start);
    out.push({ line, column, code: d.code, category: categoryName(d.category), message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

function categoryName(c: ts.DiagnosticCategory): CellDiagnostic['category'] {
  if (c === ts.DiagnosticCategory.Error) return 'error';
  if (c === ts.DiagnosticCategory.Warning) return 'warning';
  return 'suggestion';
}
