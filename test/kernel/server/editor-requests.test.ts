import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import type { Message } from '../../../kernel/wire/messages';
import { startTestKernel, texts } from './kernel-process';

// What an editor asks of a kernel besides running cells: type checks before a cell runs, and
// requests answered while a cell is still running (its controls during a fit, its completions).
let kernel: RunningKernel;
before(async () => {
  kernel = await startTestKernel();
});
after(async () => kernel?.stop());

async function run(code: string, onIOPub?: (m: Message) => void) {
  const r = await kernel.client.execute(code, { timeoutMs: 120_000, onIOPub });
  const result = r.outputs.find((m) => m.header.msg_type === 'execute_result');
  return { status: (r.reply.content as { status: string }).status, outputs: r.outputs, result: (result?.content as { data?: Record<string, string> } | undefined)?.data?.['text/plain'] };
}

/** Resolves with the first IOPub message `match` accepts (registered before whatever sends it). */
function nextIOPub(match: (m: Message) => boolean, timeoutMs = 60_000): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching IOPub message within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = kernel.client.onIOPub((m) => {
      if (!match(m)) return;
      clearTimeout(timer);
      stop();
      resolve(m);
    });
  });
}

const commData = (m: Message) => (m.content as { data?: Record<string, unknown> }).data ?? {};
const isCommMsg = (commId: string) => (m: Message) => m.header.msg_type === 'comm_msg' && (m.content as { comm_id?: string }).comm_id === commId;

test('a type error in the first cell of a session is reported, although the checker is still loading', async () => {
  const r = await run('const firstCellWrong: number = "text"; "ran"');
  assert.equal(r.result, "'ran'", "in 'warn' mode the cell runs");
  assert.match(texts(r.outputs), /TS2322: Type 'string' is not assignable to type 'number'/);
});

test('the tripletlab.types comm gives a cell its diagnostics before it runs, earlier cells in scope', async () => {
  await run('const earlierCount = 3;');
  const opened = nextIOPub(isCommMsg('types-1'));
  await kernel.client.send('shell', 'comm_open', { comm_id: 'types-1', target_name: 'tripletlab.types', data: {} });
  await kernel.client.send('shell', 'comm_msg', { comm_id: 'types-1', data: { type: 'check', id: 1, code: 'const label: string = earlierCount;\nconst fine: number = earlierCount;' } });
  const reply = commData(await opened);
  assert.equal(reply.type, 'diagnostics');
  assert.equal(reply.id, 1);
  assert.equal(reply.checked, true);
  assert.deepEqual(
    (reply.diagnostics as { line: number; column: number; code: number }[]).map((d) => [d.line, d.column, d.code]),
    [[1, 7, 2322]],
  );
  const refused = nextIOPub(isCommMsg('types-1'));
  await kernel.client.send('shell', 'comm_msg', { comm_id: 'types-1', data: { type: 'check', code: 42 } });
  const error = commData(await refused);
  assert.equal(error.type, 'error');
  assert.match(String(error.message), /expected \{ type: 'check', id: number, code: string \}/);
});

test('while a cell awaits, comm messages and completions are answered and the cell keeps its output', async () => {
  await run('kernel.comms.registerTarget("release", (comm) => comm.onMsg(() => (globalThis as any).releaseCell()));');
  await kernel.client.send('shell', 'comm_open', { comm_id: 'release-1', target_name: 'release', data: {} });
  const cell = run('await new Promise((resolve) => { (globalThis as any).releaseCell = resolve; });\nconsole.log("after release");\n"released"');
  let cellDone = false;
  void cell.then(() => (cellDone = true));
  await new Promise((r) => setTimeout(r, 500));
  const c = await kernel.client.request('shell', 'complete_request', { code: 'earlierCo', cursor_pos: 9 }, { timeoutMs: 60_000 });
  assert.ok((c.content as { matches: string[] }).matches.includes('earlierCount'));
  assert.equal(cellDone, false, 'the completion was answered while the cell still awaited');
  await kernel.client.send('shell', 'comm_msg', { comm_id: 'release-1', data: {} });
  const r = await cell;
  assert.equal(r.result, "'released'");
  assert.match(texts(r.outputs), /after release/, "output after the comm message is the cell's");
});

test('a margin set on the config comm during triplet.fit is used by the next steps of that fit', async () => {
  const configured = nextIOPub(isCommMsg('config-1'));
  await kernel.client.send('shell', 'comm_open', { comm_id: 'config-1', target_name: 'tripletlab.config', data: {} });
  assert.equal((commData(await configured).config as { margin: number }).margin, 0.2);
  const setup = await run(`
const fitData = triplet.datasets.gaussianClusters({ classes: 4, perClass: 20, dims: 8, seed: 1 });
const fitModel = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 })] });
const marginsUsed: number[] = [];
triplet.on('batch', (e) => {
  marginsUsed.push(e.margin);
  if (e.step === 5) console.log('fit reached step 5');
  if (e.margin === 0.6) triplet.stop();
});`);
  assert.equal(setup.status, 'ok', texts(setup.outputs));
  let asked = false;
  const cell = run('const fitResult = await triplet.fit(fitModel, { x: fitData.x, labels: fitData.labels }, { steps: 2000, P: 4, K: 4, display: false });\n[fitResult.steps, marginsUsed[0], marginsUsed.at(-1)].join(" ")', (m) => {
    if (asked || m.header.msg_type !== 'stream' || !String((m.content as { text?: string }).text).includes('step 5')) return;
    asked = true;
    void kernel.client.send('shell', 'comm_msg', { comm_id: 'config-1', data: { type: 'set', config: { margin: 0.6 } } });
  });
  const r = await cell;
  assert.equal(r.status, 'ok', texts(r.outputs));
  const [steps, first, last] = String(r.result).replace(/'/g, '').split(' ').map(Number);
  assert.equal(first, 0.2);
  assert.equal(last, 0.6, 'a later step of the same fit used the margin set from the editor');
  assert.ok(steps < 2000, `the fit stopped at step ${steps}, once it used 0.6, not after all 2000 steps`);
});
