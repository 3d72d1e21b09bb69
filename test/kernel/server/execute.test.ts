import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import type { Message } from '../../../kernel/wire/messages';
import { startTestKernel, texts } from './kernel-process';

// One kernel process for the file, driven over ZeroMQ exactly as Jupyter clients do.
let kernel: RunningKernel;
let folder: string;
before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tripletlab-exec-'));
  // An ESM-only package in the notebook's folder.
  const pkg = join(folder, 'node_modules', 'esm-only');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'esm-only', type: 'module', exports: './index.js' }));
  writeFileSync(join(pkg, 'index.js'), 'export const answer = 42;\nexport default function greet(n) { return `hi ${n}`; }\n');
  kernel = await startTestKernel({ cwd: folder });
});
after(async () => kernel?.stop());

async function run(code: string, options: Parameters<RunningKernel['client']['execute']>[1] = {}) {
  const r = await kernel.client.execute(code, { timeoutMs: 60_000, ...options });
  const result = r.outputs.find((m) => m.header.msg_type === 'execute_result');
  return { status: (r.reply.content as { status: string }).status, reply: r.reply.content as Record<string, any>, outputs: r.outputs, result: (result?.content as { data?: Record<string, string> } | undefined)?.data?.['text/plain'] };
}

test('declarations persist and can be re-declared with another type', async () => {
  assert.equal((await run('const size: number = 3; class Box { w = 1 }')).status, 'ok');
  assert.equal((await run('const size: string = "big"; class Box { w = 2 }; `${size} ${new Box().w}`')).result, "'big 2'");
});

test('top-level await', async () => {
  assert.equal((await run('const later = await new Promise<number>((r) => setTimeout(() => r(7), 10)); later * 6')).result, '42');
});

test('import of an ESM-only package from the notebook folder, and of node builtins', async () => {
  const r = await run('import greet, { answer } from "esm-only";\nimport * as path from "node:path";\n`${greet("you")} ${answer} ${path.basename("/a/b.txt")}`');
  assert.equal(r.status, 'ok', texts(r.outputs));
  assert.equal(r.result, "'hi you 42 b.txt'");
});

test('a thrown error has a traceback with the cell\'s own line numbers', async () => {
  const r = await run('const a = 1;\nconst b = 2;\nthrow new RangeError("line three");');
  assert.equal(r.status, 'error');
  assert.equal(r.reply.ename, 'RangeError');
  assert.equal(r.reply.evalue, 'line three');
  assert.match(r.reply.traceback.join('\n'), /cell-\d+\.ts:3:7/);
});

test('a syntax error names the line and column', async () => {
  const r = await run('const ok = 1;\nconst = 2;');
  assert.equal(r.status, 'error');
  assert.equal(r.reply.ename, 'SyntaxError');
  assert.match(`${r.reply.evalue}\n${r.reply.traceback.join('\n')}`, /2:\d+|line 2/);
});

test('interrupt_request stops while (true) {} and earlier variables survive', async () => {
  assert.equal((await run('let beforeLoop = "kept";')).status, 'ok');
  const pending = run('let spins = 0; while (true) { spins++; }');
  await new Promise((r) => setTimeout(r, 500));
  const reply = await kernel.client.interrupt(10_000);
  assert.equal((reply.content as { status: string }).status, 'ok');
  const r = await pending;
  assert.equal(r.status, 'error');
  assert.equal(r.reply.ename, 'Interrupted');
  assert.equal((await run('beforeLoop')).result, "'kept'");
  assert.equal((await run('spins > 0')).result, 'true');
});

test('interrupt_request settles a cell waiting on a promise that never resolves', async () => {
  const pending = run('await new Promise(() => {})');
  await new Promise((r) => setTimeout(r, 300));
  await kernel.client.interrupt(10_000);
  const r = await pending;
  assert.equal(r.reply.ename, 'Interrupted');
  assert.equal((await run('1 + 1')).result, '2');
});

test('an unhandled rejection and an error in a timer are reported and the kernel survives', async () => {
  const r = await run('Promise.reject(new Error("nobody caught me")); setTimeout(() => { throw new Error("timer boom"); }, 0); await new Promise((r) => setTimeout(r, 50)); "still here"');
  assert.equal(r.result, "'still here'");
  assert.match(texts(r.outputs), /nobody caught me/);
  assert.match(texts(r.outputs), /timer boom/);
  assert.equal((await run('"alive"')).result, "'alive'");
});

test('input() round trip over the stdin channel', async () => {
  const prompts: string[] = [];
  const r = await run('const who = await input("your name? "); `hello ${who}`', { onInput: (prompt) => (prompts.push(prompt), 'Ada') });
  assert.deepEqual(prompts, ['your name? ']);
  assert.equal(r.result, "'hello Ada'");
});

test('input() without stdin support fails with a clear error', async () => {
  const r = await run('await input("x")', { allowStdin: false });
  assert.equal(r.status, 'error');
  assert.match(r.reply.evalue, /allow_stdin/);
});

test('comm round trip: a target registered by code answers a frontend comm', async () => {
  await run('kernel.comms.registerTarget("echo", (comm) => comm.onMsg((data) => comm.send({ echoed: data })));');
  const seen: Message[] = [];
  const stop = kernel.client.onIOPub((m) => seen.push(m));
  const info = await kernel.client.request('shell', 'comm_info_request', { target_name: 'echo' });
  assert.equal((info.content as { status: string }).status, 'ok');
  await kernel.client.send('shell', 'comm_open', { comm_id: 'c1', target_name: 'echo', data: {} });
  await kernel.client.send('shell', 'comm_msg', { comm_id: 'c1', data: { ping: 1 } });
  const deadline = Date.now() + 10_000;
  while (!seen.some((m) => m.header.msg_type === 'comm_msg') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  stop();
  const echoed = seen.find((m) => m.header.msg_type === 'comm_msg');
  assert.deepEqual((echoed?.content as { data?: unknown })?.data, { echoed: { ping: 1 } });
  const open = await kernel.client.request('shell', 'comm_info_request', { target_name: 'echo' });
  assert.ok('c1' in (open.content as { comms: Record<string, unknown> }).comms);
});

test('display handles update in place with update_display_data on the same display_id', async () => {
  const r = await run('const h = display.json({ step: 1 }); h.update({ step: 2 });');
  const shown = r.outputs.find((m) => m.header.msg_type === 'display_data');
  const updated = r.outputs.find((m) => m.header.msg_type === 'update_display_data');
  const id = (shown?.content as { transient?: { display_id?: string } }).transient?.display_id;
  assert.ok(id);
  assert.equal((updated?.content as { transient?: { display_id?: string } }).transient?.display_id, id);
  assert.deepEqual((updated?.content as { data: Record<string, unknown> }).data['application/json'], { step: 2 });
  assert.equal(r.result, undefined, 'a display handle is not echoed as a result');
});

test('stop_on_error aborts requests queued behind a failing cell', async () => {
  const failing = run('await new Promise((r) => setTimeout(r, 200)); throw new Error("first fails")');
  const queued = run('globalThis.shouldNotRun = true');
  assert.equal((await failing).status, 'error');
  assert.equal((await queued).status, 'aborted');
  assert.equal((await run('String((globalThis as any).shouldNotRun)')).result, "'undefined'");
});

test('type errors: warn shows them and runs the cell, error blocks it, off skips the check', async () => {
  // The checker loads in the background; wait until it reports.
  let warned = '';
  for (let i = 0; i < 100 && !/TS2322|not assignable/.test(warned); i++) {
    const r = await run('const wrongType: number = "text"; "ran"');
    assert.equal(r.result, "'ran'");
    warned = texts(r.outputs);
    if (!/not assignable/.test(warned)) await new Promise((res) => setTimeout(res, 200));
  }
  assert.match(warned, /line 1/);
  assert.match(warned, /not assignable to type 'number'/);
  await run('kernel.typecheck = "error"');
  const blocked = await run('globalThis.ranAnyway = true; const alsoWrong: number = "x";');
  assert.equal(blocked.status, 'error');
  assert.equal(blocked.reply.ename, 'TypeError');
  await run('kernel.typecheck = "off"');
  assert.equal((await run('String((globalThis as any).ranAnyway)')).result, "'undefined'");
  const quiet = await run('const offCheck: number = "x"; offCheck');
  assert.equal(texts(quiet.outputs).includes('not assignable'), false);
  await run('kernel.typecheck = "warn"');
});

test('complete and inspect know earlier cells', async () => {
  await run('const trainingLosses = [0.5, 0.25];');
  const c = await kernel.client.request('shell', 'complete_request', { code: 'trainingLosses.ma', cursor_pos: 17 }, { timeoutMs: 60_000 });
  const content = c.content as { status: string; matches: string[]; cursor_start: number; cursor_end: number };
  assert.equal(content.status, 'ok');
  assert.ok(content.matches.includes('map'), content.matches.join(','));
  assert.deepEqual([content.cursor_start, content.cursor_end], [15, 17]);
  const i = await kernel.client.request('shell', 'inspect_request', { code: 'trainingLosses', cursor_pos: 5, detail_level: 0 }, { timeoutMs: 60_000 });
  assert.match(JSON.stringify(i.content), /number\[\]/);
});

test('kernel.page() becomes a pager payload on execute_reply', async () => {
  const r = await run('kernel.page("pager text")');
  assert.deepEqual(r.reply.payload, [{ source: 'page', data: { 'text/plain': 'pager text' }, start: 0 }]);
});
