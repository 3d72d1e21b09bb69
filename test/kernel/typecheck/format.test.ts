import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CellDiagnostic } from '../../../kernel/api';
import { formatDiagnostics } from '../../../kernel/typecheck/format';

const diag = (line: number, column: number, message: string, code = 2322): CellDiagnostic => ({ line, column, code, category: 'error', message });

test('a diagnostic shows position, code, message, the source line and a caret', () => {
  const code = 'const a = 1;\nconst b = 2;\nlet n: number = "a";';
  const out = formatDiagnostics([diag(3, 5, "Type 'string' is not assignable to type 'number'.")], code);
  assert.equal(
    out,
    [
      "cell line 3, col 5: error TS2322: Type 'string' is not assignable to type 'number'.",
      '  3 | let n: number = "a";',
      '    |     ^',
    ].join('\n'),
  );
});

test('several diagnostics, a wide line number gutter, and no ANSI escapes', () => {
  const code = Array.from({ length: 12 }, (_, i) => `line${i + 1}`).join('\n');
  const out = formatDiagnostics([diag(2, 1, 'first', 2304), diag(12, 3, 'second', 2551)], code);
  const lines = out.split('\n');
  assert.equal(lines.length, 6);
  assert.equal(lines[0], 'cell line 2, col 1: error TS2304: first');
  assert.equal(lines[1], '   2 | line2');
  assert.equal(lines[2], '     | ^');
  assert.equal(lines[4], '  12 | line12');
  assert.equal(lines[5], '     |   ^');
  assert.doesNotMatch(out, /\x1b\[/);
});

test('the caret keeps tabs so it lines up under tab-indented code', () => {
  const out = formatDiagnostics([diag(1, 3, 'm')], '\t\tx');
  assert.equal(out.split('\n')[2], '    | \t\t^');
});

test('categories other than error are named as such, and no diagnostics give an empty string', () => {
  const out = formatDiagnostics([{ line: 1, column: 1, code: 6133, category: 'warning', message: 'unused' }], 'x');
  assert.match(out, /^cell line 1, col 1: warning TS6133: unused/);
  assert.equal(formatDiagnostics([], 'x'), '');
});
