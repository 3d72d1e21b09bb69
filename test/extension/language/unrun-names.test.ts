import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredNames, missingName } from '../../../extension/language/unrun-names';

test('declaredNames finds the top-level declarations a cell makes', () => {
  const code = [
    'const data = load();',
    'let count = 0, other = 1;',
    'export async function train() {}',
    'function* gen() {}',
    'class Model {}',
    'interface Row { x: number }',
    'type Id = string;',
    'enum Color { Red }',
    '  var indented = 2;',
    '// const commented = 1 is not at the start of a line',
    'console.log(notDeclared);',
  ].join('\n');
  assert.deepEqual([...declaredNames(code)].sort(), ['Color', 'Id', 'Model', 'Row', 'count', 'data', 'gen', 'indented', 'train']);
});

test('missingName reads the name of "Cannot find name" diagnostics only', () => {
  assert.equal(missingName(2304, "Cannot find name 'emb'."), 'emb');
  assert.equal(missingName(2552, "Cannot find name 'embs'. Did you mean 'emb'?"), 'embs');
  assert.equal(missingName(2322, "Type 'string' is not assignable to type 'number'."), undefined);
});
