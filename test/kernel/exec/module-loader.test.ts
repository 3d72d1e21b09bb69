import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CellRuntime } from '../../../kernel/exec';
import { FakeSink, cell } from './fake-sink';

// A notebook folder with an ESM-only package (no "require" condition), a CommonJS package and a local file.
const dir = mkdtempSync(join(tmpdir(), 'tripletlab-exec-'));
function write(path: string, text: string) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}
write('node_modules/esm-only/package.json', JSON.stringify({ name: 'esm-only', type: 'module', exports: { '.': { import: './main.js' } } }));
write('node_modules/esm-only/main.js', 'await 0;\nexport const answer = 42;\nexport default function greet(n) { return `hi ${n}`; }\n');
write('node_modules/cjs-pkg/package.json', JSON.stringify({ name: 'cjs-pkg', main: 'index.js' }));
write('node_modules/cjs-pkg/index.js', 'module.exports = { add: (a, b) => a + b, name: "cjs" };\n');
write('local.cjs', 'module.exports = function local() { return "local"; };\n');

const rt = new CellRuntime({ cwd: dir, captureProcessStreams: false });
after(() => {
  rt.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function value(code: string): Promise<string | undefined> {
  const r = await rt.execute(code, cell(new FakeSink()));
  assert.equal(r.status, 'ok', JSON.stringify(r));
  return r.status === 'ok' ? (r.result?.['text/plain'] as string) : undefined;
}

test('an ESM-only package with top-level await imports from the notebook folder', async () => {
  assert.equal(await value("import greet, { answer } from 'esm-only';\n[greet('ada'), answer]"), "[ 'hi ada', 42 ]");
  assert.equal(await value('[greet.name, answer]'), "[ 'greet', 42 ]");
});

test('import * as ns, default and named imports from CommonJS follow Node interop', async () => {
  assert.equal(await value("import * as ns from 'cjs-pkg'; import cjs, { add } from 'cjs-pkg'; [ns.add(1, 2), cjs.name, add(2, 3), ns.default === cjs]"), "[ 3, 'cjs', 5, true ]");
});

test('node builtins import with and without the node: prefix', async () => {
  assert.equal(await value("import { readFileSync } from 'node:fs'; import * as path from 'path'; [typeof readFileSync, path.basename('/a/b.txt')]"), "[ 'function', 'b.txt' ]");
});

test('relative imports and the require global resolve from the notebook folder', async () => {
  assert.equal(await value("import local from './local.cjs'; [local(), require('cjs-pkg').name]"), "[ 'local', 'cjs' ]");
});

test('dynamic import() works in a cell', async () => {
  assert.equal(await value("const m = await import('esm-only'); m.answer"), '42');
});

test('type-only imports are dropped and export keywords are stripped', async () => {
  assert.equal(await value("import type { Foo } from 'not-installed-anywhere';\nexport const exported: number = 5;\nexport function ef() { return 6 }\nexported + ef()"), '11');
});

test('a missing package fails with Node\'s own message', async () => {
  const r = await rt.execute("import x from 'no-such-package-here'", cell(new FakeSink()));
  assert.equal(r.status, 'error');
  if (r.status === 'error') assert.match(r.evalue, /no-such-package-here/);
});
