import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isComplete } from '../../../kernel/exec/is-complete';

const table: [string, string, string?][] = [
  ['1 + 1', 'complete'],
  ['let x: number = 1; x', 'complete'],
  ['', 'complete'],
  ['let x = ', 'incomplete', '  '],
  ['function f() {', 'incomplete', '  '],
  ['for (let i = 0; i < 3; i++) {', 'incomplete', '  '],
  ['function f() {\n  if (x) {', 'incomplete', '    '],
  ['const a = [1,\n2', 'incomplete', '  '],
  ['interface A { x: number', 'incomplete', '  '],
  ['const s = `abc', 'incomplete', ''],
  ['/* comment', 'incomplete', ''],
  ['1 +* 2', 'invalid'],
  ['}}', 'invalid'],
  ['"abc', 'invalid'],
];

for (const [code, status, indent] of table) {
  test(`${JSON.stringify(code)} is ${status}`, () => {
    const r = isComplete(code);
    assert.equal(r.status, status);
    if (indent !== undefined) assert.equal(r.indent, indent);
  });
}
