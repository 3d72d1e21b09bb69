import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CellSyntaxError } from '../../../kernel/exec/errors';
import { IMPORT_FN, rewriteModuleSyntax } from '../../../kernel/exec/rewrite-modules';

const call = (s: string) => `await ${IMPORT_FN}(${JSON.stringify(s)})`;

const table: [string, string][] = [
  ["import x from 'p';", `const {default: x} = ${call('p')};`],
  ["import x, {a as b, c} from 'p';", `const {default: x, a: b, c: c} = ${call('p')};`],
  ["import * as ns from 'p';", `const ns = ${call('p')};`],
  ["import d, * as ns from 'p';", `const ns = ${call('p')}; const {default: d} = ns;`],
  ["import 'side-effect';", `${call('side-effect')};`],
  ['export const a = 1;', '       const a = 1;'],
  ['export {a};', '           '],
  ["const m = import('x');", `const m = ${IMPORT_FN}('x');`],
  ['const plain = 1;', 'const plain = 1;'],
];

for (const [input, expected] of table) {
  test(`rewrites ${input}`, () => assert.equal(rewriteModuleSyntax(input), expected));
}

test('a multi-line import keeps the following code on its line', () => {
  const out = rewriteModuleSyntax("import {\n  a,\n  b\n} from 'p';\nthrow 1;");
  assert.equal(out.split('\n').length, 5);
  assert.equal(out.split('\n')[4], 'throw 1;');
});

test("'export * from' is refused with a fix", () => {
  assert.throws(() => rewriteModuleSyntax("export * from 'p';"), (e: unknown) => e instanceof CellSyntaxError && /import \* as ns/.test(e.message));
});
