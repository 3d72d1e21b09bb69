import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CellDiagnostic } from '../../../kernel/api';
import { NotebookTypes } from '../../../kernel/typecheck/notebook';

// One model for the whole file (its first check parses lib, node and tfjs typings); tests use
// their own names so they do not depend on each other's cells.
const nb = new NotebookTypes({ cwd: path.resolve(__dirname, '..', '..', '..') });

/** Checks then commits, as the kernel does for a cell that runs. */
function run(code: string): CellDiagnostic[] {
  const diags = nb.check(code);
  nb.commit(code);
  return diags;
}

const codes = (diags: CellDiagnostic[]) => diags.map((d) => d.code);

test('a type error is reported at the cell line and column', () => {
  const diags = nb.check('const ok = 1;\n\nlet n: number = "a";');
  assert.deepEqual(diags, [{ line: 3, column: 5, code: 2322, category: 'error', message: "Type 'string' is not assignable to type 'number'." }]);
});

test('columns count from the start of the line after a multi-unit character', () => {
  const [d] = nb.check('const s = "\u{1F600}"; const t: number = s;');
  assert.equal(d.code, 2322);
  assert.equal(d.line, 1);
  // UTF-16 columns, as tsc and editors count them: the emoji takes two.
  assert.equal(d.column, 'const s = "\u{1F600}"; const '.length + 1);
});

test("a later cell sees an earlier cell's variable and its type", () => {
  assert.deepEqual(run('const arr1 = [1, 2, 3];'), []);
  assert.deepEqual(nb.check('const total: number = arr1.reduce((a, b) => a + b, 0);'), []);
  const misuse = nb.check('const wrong: string = arr1[0];');
  assert.deepEqual(codes(misuse), [2322]);
  assert.match(misuse[0].message, /'number' is not assignable to type 'string'/);
});

test('a re-declaration with a new type wins, without "Cannot redeclare"', () => {
  assert.deepEqual(run('const re1 = 1;'), []);
  assert.deepEqual(run('const re1 = "now a string";'), []);
  assert.deepEqual(nb.check('re1.toUpperCase();'), []);
  assert.deepEqual(codes(nb.check('const k: number = re1;')), [2322]);
});

test('interfaces, type aliases, classes, enums and functions carry over to the next cell', () => {
  assert.deepEqual(
    run(
      [
        'interface Pt { x: number; y: number }',
        'type Id = string | number;',
        'class Box<T> { constructor(public value: T) {} static of<U>(v: U) { return new Box(v); } }',
        'enum Color { Red, Green }',
        'function norm(p: Pt) { return Math.hypot(p.x, p.y); }',
      ].join('\n'),
    ),
    [],
  );
  assert.deepEqual(
    nb.check('const p: Pt = { x: 3, y: 4 };\nconst id: Id = 7;\nconst b = Box.of("s");\nconst s: string = b.value;\nconst c: Color = Color.Green;\nconst n: number = norm(p);'),
    [],
  );
  const bad = nb.check('const q: Pt = { x: 1 };\nconst r: string = norm({ x: 1, y: 2 });\nconst c = Color.Blue;');
  assert.deepEqual(bad.map((d) => [d.line, d.code]), [[1, 2741], [2, 2322], [3, 2339]]);
});

test("a type from an older cell keeps its meaning after its name is re-declared", () => {
  run('interface Shape1 { side: number }');
  run('const sq: Shape1 = { side: 2 };');
  run('interface Shape1 { radius: number }');
  assert.deepEqual(nb.check('const side: number = sq.side;'), []);
  assert.deepEqual(nb.check('const r: Shape1 = { radius: 1 };'), []);
});

test('a declaration typed from an earlier variable keeps that type after the variable is re-declared', () => {
  run('let seed5 = 42;');
  run('let copy5: typeof seed5 = 1;');
  run('let seed5 = "text";');
  assert.deepEqual(nb.check('const n: number = copy5;'), []);
  assert.deepEqual(codes(nb.check('const s: string = copy5;')), [2322]);
});

test("an earlier cell's let stays assignable (type-checked), its const does not, its function may be replaced", () => {
  run('let counter1 = 0;\nconst fixed1 = 0;');
  assert.deepEqual(nb.check('counter1 = counter1 + 1;\ncounter1++;'), []);
  assert.deepEqual(codes(nb.check('counter1 = "x";')), [2322]);
  const diags = nb.check('fixed1 = 2;');
  assert.deepEqual(codes(diags), [2588]);
  assert.equal(diags[0].message, "Cannot assign to 'fixed1' because it is a constant.");
  run('function fn1() { return 1; }');
  assert.deepEqual(nb.check('fn1 = () => 2;'), []);
});

test('imports type-check, and later cells can use the imported names', () => {
  assert.deepEqual(run('import * as path from "path";\nimport fs from "node:fs";\nimport { EventEmitter } from "events";'), []);
  assert.deepEqual(nb.check('const j: string = path.join("a", "b");\nconst e: boolean = fs.existsSync("x");\nconst em = new EventEmitter();\nlet st: fs.Stats | undefined;'), []);
  assert.deepEqual(codes(nb.check('const bad: number = path.join("a");')), [2322]);
  assert.deepEqual(codes(nb.check('import { nope } from "node:fs";')), [2305]);
  assert.deepEqual(codes(nb.check('import x from "no-such-package-anywhere";')), [2307]);
});

test('top-level await is allowed', () => {
  assert.deepEqual(nb.check('const v = await Promise.resolve(1);\nfor await (const x of [Promise.resolve(2)]) {}\nconst w: number = v;'), []);
});

test('the kernel globals are known with their types', () => {
  assert.deepEqual(
    nb.check('const h = display.html("<b>x</b>");\nh.update(1);\nconst mode = kernel.typecheck;\nconst name: string = await input("name?", { password: true });\nconst os = require("os");\nconst t = tf.tensor([1, 2]);\nconsole.log(process.argv, __dirname);'),
    [],
  );
  assert.deepEqual(codes(nb.check('kernel.typecheck = "sometimes";')), [2322]);
  assert.deepEqual(codes(nb.check('display.nope();')), [2339]);
  assert.deepEqual(codes(nb.check('const n: number = tf.scalar(1);')), [2322]);
});

test('tf names types as well as values (model: tf.LayersModel)', () => {
  assert.deepEqual(nb.check('const embedOf = (m: tf.LayersModel, x: tf.Tensor2D): tf.Tensor => m.apply(x) as tf.Tensor;'), []);
  assert.deepEqual(codes(nb.check('const wrong: tf.Tensor2D = 5;')), [2322]);
});

test('implicit any is allowed (notebook code), strict null checks are not relaxed', () => {
  assert.deepEqual(nb.check('function twice(x) { return x * 2; }'), []);
  assert.deepEqual(codes(nb.check('const m = new Map<string, number>();\nconst v: number = m.get("a");')), [2322]);
});

test('completion spans the identifier being completed', () => {
  run('const arr2 = [1, 2];');
  const con = nb.complete('con', 3);
  assert.ok(con.matches.includes('console'));
  assert.ok(con.matches.every((m) => m.toLowerCase().startsWith('con')));
  assert.deepEqual([con.cursor_start, con.cursor_end], [0, 3]);

  const members = nb.complete('arr2.', 5);
  assert.ok(members.matches.includes('map') && members.matches.includes('push'));
  assert.deepEqual([members.cursor_start, members.cursor_end], [5, 5]);

  const ma = nb.complete('arr2.ma', 7);
  assert.deepEqual(ma.matches, ['map']);
  assert.deepEqual([ma.cursor_start, ma.cursor_end], [5, 7]);
  const types = ma.metadata._jupyter_types_experimental as { start: number; end: number; text: string; type: string }[];
  assert.deepEqual(types, [{ start: 5, end: 7, text: 'map', type: 'function', signature: '' }]);
});

test('completion positions are unicode code points, before and after an emoji', () => {
  const code = 'const e = "\u{1F600}"; arr2.ma';
  const cursor = [...code].length; // code points, as Jupyter sends cursor_pos
  const c = nb.complete(code, cursor);
  assert.deepEqual(c.matches, ['map']);
  assert.deepEqual([c.cursor_start, c.cursor_end], [cursor - 2, cursor]);
});

test('completion in the middle of a line lists members of earlier cells and globals', () => {
  const c = nb.complete('const n = arr2.le + 1;', 'const n = arr2.le'.length);
  assert.deepEqual(c.matches, ['length']);
  const g = nb.complete('arr', 3);
  assert.ok(g.matches.includes('arr1') && g.matches.includes('arr2'));
  run('function arrSum(a: number[]) { return a.length; }\nconst Arrow = 1;\ntype Arrow = string;');
  const typed = nb.complete('Arr', 3).metadata._jupyter_types_experimental as { text: string; type: string }[];
  assert.equal(typed.find((t) => t.text === 'arrSum')?.type, 'function');
  assert.deepEqual(nb.check('const a: Arrow = "x";\nconst b: number = Arrow;'), [], 'a name with a value and a type meaning keeps both');
});

test('inspect shows the type of a variable and the signature and docs of a function', () => {
  run('/** Squares a number. */\nfunction sq2(n: number) { return n * n; }\nlet label2 = "a";');
  const v = nb.inspect('label2', 3, 0);
  assert.equal(nb.inspect('label2 + 1', 6, 0).data['text/plain'], 'let label2: string', 'cursor just after the name');
  assert.equal(v.found, true);
  assert.equal(v.data['text/plain'], 'let label2: string');
  const f = nb.inspect('sq2(3)', 1, 0);
  assert.equal(f.data['text/plain'], 'function sq2(n: number): number\n\nSquares a number.');
  assert.match(String(f.data['text/markdown']), /^```typescript\nfunction sq2\(n: number\): number\n```\n\nSquares a number\.$/);
  const inCall = nb.inspect('sq2(', 4, 0);
  assert.equal(inCall.found, true);
  assert.match(String(inCall.data['text/plain']), /sq2\(n: number\): number/);
  assert.deepEqual(nb.inspect('   ', 1, 0), { found: false, data: {}, metadata: {} });
});

test('a cell that only augments the global scope keeps its augmentation', () => {
  assert.deepEqual(run('declare global { interface Array<T> { lastItem6(): T | undefined } }'), []);
  run('const unrelated6 = 1;');
  assert.deepEqual(nb.check('const n: number | undefined = [1, 2].lastItem6();'), []);
});

test('an earlier cell that threw part-way still declared its names', () => {
  run('const before3 = 1;\nthrow new Error("boom");\nconst after3 = "x";');
  assert.deepEqual(nb.check('const a: number = before3;\nconst b: string = after3;'), []);
});

test('re-running cells keeps the model bounded: re-declared cells are dropped', () => {
  const before = nb.stats().liveCommits;
  for (let i = 0; i < 20; i++) run('const loop4 = ' + i + ';');
  assert.equal(nb.stats().liveCommits, before + 1);
});

test('started in a folder without node_modules, node globals and packages are still typed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripletlab-typecheck-'));
  try {
    const far = new NotebookTypes({ cwd: dir });
    assert.deepEqual(far.check('console.log(process.pid);\nimport * as path from "path";\nconst t = tf.tensor([1]);'), []);
    assert.deepEqual(codes(far.check('const n: number = process.version;')), [2322]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("cells import the notebook folder's own files and packages", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripletlab-typecheck-'));
  try {
    fs.writeFileSync(path.join(dir, 'util.ts'), 'export function helper(n: number): string { return String(n); }\n');
    fs.mkdirSync(path.join(dir, 'node_modules', 'localpkg'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'localpkg', 'package.json'), '{"name":"localpkg","version":"1.0.0","types":"index.d.ts"}');
    fs.writeFileSync(path.join(dir, 'node_modules', 'localpkg', 'index.d.ts'), 'export declare const answer: 42;\n');
    const local = new NotebookTypes({ cwd: dir });
    const cell = 'import { helper } from "./util";\nimport { answer } from "localpkg";';
    assert.deepEqual(local.check(cell), []);
    local.commit(cell);
    assert.deepEqual(local.check('const s: string = helper(answer);'), []);
    assert.deepEqual(codes(local.check('const n: number = helper(1);')), [2322]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('re-checking an unchanged cell reuses its diagnostics until an earlier declaration changes', () => {
  run('const cachedValue: number = 1;');
  const use = 'cachedValue.toFixed(2);';
  assert.deepEqual(codes(nb.check(use)), []);
  assert.deepEqual(codes(run(use)), [], 'a cell that declares nothing leaves the model unchanged');
  run('const cachedValue: string = "now a string";');
  assert.deepEqual(codes(nb.check(use)), [2551], 'the new declaration is seen, not the cached result');
  assert.deepEqual(codes(nb.check('cachedValue.toUpperCase();')), []);
});

test('a package installed by a later cell is found when the import cell is checked again', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripletlab-late-install-'));
  try {
    const own = new NotebookTypes({ cwd: dir });
    const cell = "import { shout } from 'late-pkg';\nconst loud: string = shout('hi');";
    assert.deepEqual(codes(own.check(cell)), [2307], 'not installed yet: Cannot find module');
    // What `npm install late-pkg` run from a cell leaves behind; that cell declares nothing.
    const pkg = path.join(dir, 'node_modules', 'late-pkg');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'late-pkg', version: '1.0.0', types: 'index.d.ts', main: 'index.js' }));
    fs.writeFileSync(path.join(pkg, 'index.d.ts'), 'export declare function shout(s: string): string;\n');
    fs.writeFileSync(path.join(pkg, 'index.js'), 'exports.shout = (s) => s.toUpperCase();\n');
    own.commit("await import('node:child_process');");
    assert.deepEqual(own.check(cell), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
