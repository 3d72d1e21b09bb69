import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRIOR_SPECIFIER, PriorModule } from '../../../kernel/typecheck/prior';

const P = JSON.stringify(PRIOR_SPECIFIER);

test('each commit becomes an ambient namespace and the newest one exports each name', () => {
  const prior = new PriorModule();
  prior.add(1, 'export declare const x: number;\nexport {};\n', [{ name: 'x', kind: 'const' }]);
  prior.add(2, 'export declare let x: string;\n', [{ name: 'x', kind: 'let' }]);
  const text = prior.text();
  assert.match(text, /declare namespace __tripletlab_c2 \{\nexport let x: string;\n\}/);
  assert.match(text, /export declare namespace __tripletlab_names \{\n  export import x = __tripletlab_c2\.x;\n\}/);
  assert.doesNotMatch(text, /__tripletlab_c1/, 'commit 1 is unreachable once x is re-declared');
  assert.equal(prior.kindOf('x'), 'let');
  assert.equal(prior.liveCommits, 1);
});

test("a later commit's use of an earlier name stays pinned to that commit", () => {
  const prior = new PriorModule();
  prior.add(1, 'export interface P { a: number }\n', [{ name: 'P', kind: 'interface' }]);
  prior.add(2, `import { __tripletlab_names as __tripletlab_p } from ${P};\nimport P = __tripletlab_p.P;\nexport declare const p: P;\n`, [{ name: 'p', kind: 'const' }]);
  prior.add(3, 'export interface P { b: string }\n', [{ name: 'P', kind: 'interface' }]);
  const text = prior.text();
  assert.match(text, /declare namespace __tripletlab_c2 \{\nimport P = __tripletlab_c1\.P;\nexport const p: P;\n\}/);
  assert.match(text, /declare namespace __tripletlab_c1 /, 'commit 1 stays: commit 2 refers to it');
  assert.match(text, /export import P = __tripletlab_c3\.P;/);
  assert.equal(prior.liveCommits, 3);
});

test('imports are hoisted once per module and become aliases inside the namespace', () => {
  const prior = new PriorModule();
  prior.add(1, 'import * as fs from "fs";\nimport rd, { join as j } from "path";\nexport { fs, rd, j };\n', []);
  prior.add(2, 'import { readFileSync } from "fs";\nexport { readFileSync };\nexport declare const s: import("fs").Stats;\n', [
    { name: 's', kind: 'const' },
    { name: 'readFileSync', kind: 'import' },
  ]);
  const text = prior.text();
  assert.equal(text.match(/= require\("fs"\)/g)?.length, 1, 'one import line per module');
  assert.match(text, /import __tripletlab_m\d+ from "path";/);
  assert.match(text, /export import readFileSync = __tripletlab_m1\.readFileSync;/);
  assert.match(text, /export const s: __tripletlab_m1\.Stats;/);
  assert.doesNotMatch(text, /export \{ readFileSync \}/);
});

test('import types keep their type arguments, nested ones rewritten too', () => {
  const prior = new PriorModule();
  prior.add(1, 'export declare const m: import("a").Box<import("b").Item, typeof import("c")>;\n', [{ name: 'm', kind: 'const' }]);
  const text = prior.text();
  assert.match(text, /export const m: __tripletlab_m1\.Box<__tripletlab_m2\.Item, typeof __tripletlab_m3>;/);
});

test('JSDoc stays above its declaration and global augmentations move to the top level', () => {
  const prior = new PriorModule();
  prior.add(1, '/** Doubles. */\nexport declare function dbl(n: number): number;\ndeclare global {\n    var seen: number;\n}\n', [{ name: 'dbl', kind: 'function' }]);
  const text = prior.text();
  assert.match(text, /\/\*\* Doubles\. \*\/\nexport function dbl\(n: number\): number;/);
  assert.match(text, /\n\}\ndeclare global \{\n    var seen: number;\n\}/);
});

test("an earlier variable the cell saw as `typeof __tripletlab_p.x` is pinned to x's commit", () => {
  const prior = new PriorModule();
  prior.add(1, 'export declare let b: number;\n', [{ name: 'b', kind: 'let' }]);
  prior.add(
    2,
    `import { __tripletlab_names as __tripletlab_p } from ${P};\ndeclare let b: typeof __tripletlab_p.b;\nexport declare let c: typeof b;\n`,
    [{ name: 'c', kind: 'let' }],
  );
  const text = prior.text();
  assert.match(text, /declare namespace __tripletlab_c2 \{\nlet b: typeof __tripletlab_c1\.b;\nexport let c: typeof b;\n\}/);
  assert.doesNotMatch(text, /__tripletlab_p/);
});
