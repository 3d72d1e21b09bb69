import type { CellDiagnostic } from '../api';

/**
 * A plain-text block for a cell's diagnostics, one per problem, tsc-style so people recognise it:
 *
 *     cell line 3, col 5: error TS2322: Type 'string' is not assignable to type 'number'.
 *       3 | let n: number = "a";
 *         |     ^
 *
 * No ANSI codes: the block goes into Jupyter `stream`/`error` output, which frontends show verbatim.
 */
export function formatDiagnostics(diags: readonly CellDiagnostic[], code: string): string {
  const lines = code.split(/\r?\n/);
  const width = String(Math.max(0, ...diags.map((d) => d.line))).length;
  return diags
    .map((d) => {
      const head = `cell line ${d.line}, col ${d.column}: ${d.category} TS${d.code}: ${d.message}`;
      const source = lines[d.line - 1];
      if (source === undefined) return head;
      const gutter = ' '.repeat(width);
      // Keep tabs so the caret lines up under tab-indented code.
      const pad = [...source.slice(0, Math.max(0, d.column - 1))].map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
      return `${head}\n  ${String(d.line).padStart(width)} | ${source}\n  ${gutter} | ${pad}^`;
    })
    .join('\n');
}
