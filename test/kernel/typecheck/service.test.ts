import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { TypeService, TypeServiceError } from '../../../kernel/typecheck';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripletlab-typeservice-'));
// Started at load so that the first test runs while the worker is still loading TypeScript.
const svc = TypeService.start({ cwd: dir });
after(async () => {
  await svc.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('before the worker is ready, checks queue in order and are answered once it has loaded', async () => {
  const first = svc.check('c0', 'const a: number = "x";');
  svc.commit('c1', 'const early = [1, 2, 3];');
  const queued = svc.check('c2', 'const n: string = early[0];');
  const diags = await queued;
  assert.deepEqual(diags, [{ line: 1, column: 7, code: 2322, category: 'error', message: "Type 'number' is not assignable to type 'string'." }]);
  assert.deepEqual((await first).map((d) => d.code), [2322], 'a check sent while the worker loads is answered, not skipped');
  await svc.ready;
  assert.ok(svc.startup && svc.startup.loadMs > 0 && svc.startup.warmMs > 0);
  assert.deepEqual(await svc.check('c3', 'const ok = 1;'), []);
});

test('the worker serves check, commit, complete and inspect in order', async () => {
  svc.commit('c4', 'let scores = new Map<string, number>();');
  assert.deepEqual(await svc.check('c5', 'scores.set("a", 1);'), []);
  const c = await svc.complete('scores.ha', 9);
  assert.deepEqual(c.matches, ['has']);
  assert.deepEqual([c.cursor_start, c.cursor_end], [7, 9]);
  const i = await svc.inspect('scores', 2, 0);
  assert.equal(i.data['text/plain'], 'let scores: Map<string, number>');
});

test('a re-run cell is answered from the recent checks until a commit changes the model', async () => {
  const cell = 'const shown: string = later;';
  const before = (await svc.check('c6', cell)) ?? [];
  assert.match(before.map((d) => d.message).join(), /Cannot find name 'later'/);
  assert.equal(await svc.check('c7', cell), before, 'the same answer object: no round trip to the worker');
  svc.commit('c8', 'const later = "now declared";');
  // The commit is still in flight: the next check must wait for it, not answer from the cache.
  assert.deepEqual(await svc.check('c9', cell), []);
  svc.commit('c10', '1 + 1');
  assert.deepEqual(await svc.check('c11', cell), [], 'a cell that declares nothing leaves the answer as it was');
});

test("completion on a tfjs tensor from an earlier cell lists the tensor's members, also while the cell is edited", async () => {
  svc.commit('t1', 'const emb = tf.randomNormal([4, 8]);');
  for (const code of ['emb.', '// edited\nemb.', 'const rows = emb.']) {
    const c = await svc.complete(code, code.length);
    for (const member of ['shape', 'dataSync', 'dispose', 'matMul']) assert.ok(c.matches.includes(member), `${JSON.stringify(code)} lists ${member}`);
    assert.ok(!c.matches.includes('console'), 'member completion, not globals');
  }
  const d = await svc.complete('emb.da', 6);
  assert.deepEqual(d.matches.filter((m) => m.startsWith('dataSync')), ['dataSync']);
  assert.ok(d.matches.every((m) => m.toLowerCase().startsWith('da')));
});

test('cursor positions are code points in both directions', async () => {
  const code = '"\u{1F600}\u{1F600}"; con';
  const c = await svc.complete(code, [...code].length);
  assert.ok(c.matches.includes('console'));
  assert.deepEqual([c.cursor_start, c.cursor_end], [[...code].length - 3, [...code].length]);
});

test('bad arguments are rejected naming the function, the argument and the fix', async () => {
  await assert.rejects(svc.complete('abc', 4), (err: Error) => err instanceof RangeError && /TypeService\.complete: cursorPos 4 .*0 to 3/.test(err.message));
  await assert.rejects(svc.inspect('abc', -1, 0), /TypeService\.inspect: cursorPos -1/);
  await assert.rejects(svc.inspect('abc', 1, 2 as 0), /detailLevel must be 0 or 1/);
  await assert.rejects(svc.check('c', undefined as unknown as string), (err: Error) => err instanceof TypeError && /TypeService\.check: code must be a string/.test(err.message));
  assert.throws(() => svc.commit(7 as unknown as string, ''), /TypeService\.commit: cellId must be a string/);
  assert.throws(() => TypeService.start({ cwd: '' }), /TypeService\.start: opts\.cwd/);
});

test('formatDiagnostics is available on the service', async () => {
  const code = 'let n: number = "a";';
  const diags = await svc.check('c6', code);
  assert.equal(
    svc.formatDiagnostics(diags ?? [], code),
    "cell line 1, col 5: error TS2322: Type 'string' is not assignable to type 'number'.\n  1 | let n: number = \"a\";\n    |     ^",
  );
});

test('stats report the worker heap and the size of the notebook model', async () => {
  const s = await svc.stats();
  assert.ok(s.heapUsedBytes > 0 && s.heapTotalBytes >= s.heapUsedBytes);
  assert.ok(s.names >= 2);
});

test('after close, requests reject with TypeServiceError', async () => {
  const other = TypeService.start({ cwd: dir });
  const pending = assert.rejects(other.check('x', 'const a = 1;'), TypeServiceError);
  await other.close();
  await pending;
  await assert.rejects(other.complete('a', 1), TypeServiceError);
  await assert.rejects(other.ready, TypeServiceError);
});
