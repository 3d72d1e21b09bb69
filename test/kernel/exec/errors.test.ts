import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CellRuntime } from '../../../kernel/exec';
import { FakeSink, cell } from './fake-sink';

const rt = new CellRuntime({ cwd: process.cwd(), captureProcessStreams: false });
after(() => rt.dispose());

async function failing(code: string) {
  const opts = cell(new FakeSink());
  const r = await rt.execute(code, opts);
  assert.equal(r.status, 'error', JSON.stringify(r));
  if (r.status !== 'error') throw new Error('unreachable');
  return { ...r, name: `cell-${opts.executionCount}.ts` };
}

test("an error on line 3 of a cell points at the cell's line 3, with the line quoted", async () => {
  const r = await failing('const a: number = 1;\nfunction boom(): never {\n  throw new RangeError(`bad ${a}`);\n}\nboom();');
  assert.equal(r.ename, 'RangeError');
  assert.equal(r.evalue, 'bad 1');
  assert.equal(r.traceback[0], 'RangeError: bad 1');
  assert.match(r.traceback[1], new RegExp(`at boom \\(${r.name}:3:9\\)`));
  assert.match(r.traceback[2], new RegExp(`${r.name}:5:1`));
  assert.ok(r.traceback.includes('3 |   throw new RangeError(`bad ${a}`);'), r.traceback.join('\n'));
});

test('type annotations before the failing line do not shift line numbers', async () => {
  const r = await failing('interface P {\n  x: number;\n  y: number;\n}\nconst p: P = { x: 1, y: 2 } as P;\n(p as any).nope();');
  assert.equal(r.ename, 'TypeError');
  assert.match(r.traceback[1], new RegExp(`${r.name}:6:`));
});

test("the kernel's own frames are left out of the traceback", async () => {
  const r = await failing('null.x');
  for (const line of r.traceback) assert.doesNotMatch(line, /node:inspector|node:vm|kernel[\\/]exec|evalmachine/);
});

test('a syntax error names the line and column', async () => {
  const r = await failing('const ok = 1;\nlet y = 1 +* 2;');
  assert.equal(r.ename, 'SyntaxError');
  assert.deepEqual(r.traceback.slice(0, 2), ['SyntaxError: Unexpected token', `    at ${r.name}:2:12`]);
});

test('throwing a non-Error value is reported', async () => {
  const r = await failing("throw { code: 42 }");
  assert.equal(r.ename, 'Uncaught');
  assert.equal(r.evalue, '{ code: 42 }');
  const n = await failing('throw 42');
  assert.equal(n.evalue, '42');
});

test('a rejected await fails the cell with the rejection', async () => {
  const r = await failing("await Promise.reject(new Error('async nope'))");
  assert.equal(r.evalue, 'async nope');
});
