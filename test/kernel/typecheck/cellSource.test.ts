import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCellSource } from '../../../kernel/typecheck/cellSource';
import type { TopLevelName } from '../../../kernel/typecheck/top-level-name';
import { PRIOR_SPECIFIER } from '../../../kernel/typecheck/prior';

const none = (): TopLevelName[] => [];

test('top-level declarations are exported and their names and kinds recorded', () => {
  const code = [
    'const a = 1, { b, c: [d] } = obj;',
    'let e = 2;',
    'var f;',
    'function g() {}',
    'class H {}',
    'interface I {}',
    'type J = 1;',
    'enum K { A }',
    'namespace L {}',
    'import * as fs from "fs";',
    'import def, { x as y } from "m";',
    'export const already = 1;',
    'if (a) { const inner = 1; }',
  ].join('\n');
  const src = buildCellSource(code, none);
  assert.deepEqual(
    src.names.map((n) => `${n.name}:${n.kind}`),
    ['a:const', 'b:const', 'd:const', 'e:let', 'f:var', 'g:function', 'H:class', 'I:interface', 'J:type', 'K:enum', 'L:namespace', 'fs:import', 'def:import', 'y:import', 'already:const'],
  );
  for (const decl of ['const a', 'let e', 'var f', 'function g', 'class H', 'interface I', 'type J', 'enum K', 'namespace L']) {
    assert.ok(src.text.includes(`export ${decl}`), `export ${decl}`);
  }
  assert.ok(!src.text.includes('export export'));
  assert.ok(!src.text.includes('export if'));
  assert.ok(src.text.includes('export { fs, def, y };'));
});

test('earlier names come in through the prior module, minus those the cell declares or does not mention', () => {
  const prior = (declared: ReadonlySet<string>) =>
    [
      { name: 'a', kind: 'const' as const },
      { name: 'b', kind: 'let' as const },
      { name: 'f', kind: 'function' as const },
      { name: 'g', kind: 'class' as const },
    ].filter((n) => !declared.has(n.name));
  const head = `import { __tripletlab_names as __tripletlab_p } from ${JSON.stringify(PRIOR_SPECIFIER)}; `;
  const src = buildCellSource('const a = b + f();', prior);
  assert.ok(src.text.startsWith(`${head}declare let b: typeof __tripletlab_p.b; import f = __tripletlab_p.f; `), src.text);
  const own = buildCellSource('let b = 1; b + a + g;', prior);
  assert.ok(own.text.startsWith(`${head}declare const a: typeof __tripletlab_p.a; import g = __tripletlab_p.g; `), own.text);
  const empty = buildCellSource('1', none);
  assert.ok(empty.text.startsWith(`${head}export {}; `), 'the import is there even when unused');
});

test('offsets map exactly between the cell and the generated text', () => {
  const code = 'x;\nconst a = 1;\nlet b = a;';
  const src = buildCellSource(code, none);
  for (let i = 0; i <= code.length; i++) {
    const g = src.toGenerated(i);
    assert.equal(src.text[g], code[i], `char at ${i}`);
    assert.equal(src.toOriginal(g), i);
  }
  // Inside generated text there is no original offset.
  assert.equal(src.toOriginal(0), undefined);
  assert.equal(src.toOriginal(src.toGenerated(3) - 1), undefined, "inside the inserted 'export '");
});

test('a hashbang stays the first line', () => {
  const src = buildCellSource('#!/usr/bin/env node\nconst a = 1;', none);
  assert.ok(src.text.startsWith('#!/usr/bin/env node\n'));
  assert.equal(src.toOriginal(src.toGenerated(20)), 20);
});

test('`using` declarations, default exports and global augmentations are not exported', () => {
  const src = buildCellSource('using r = res();\nexport default class {}\ndeclare global { var z: 1 }', none);
  assert.deepEqual(src.names, []);
  assert.ok(!src.text.includes('export using'));
  assert.ok(!src.text.includes('export declare global'));
});
