import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import type { Message } from '../../../kernel/wire/messages';
import { startTestKernel } from './kernel-process';

/**
 * Output a cell's timers produce after it finished, as a Jupyter client sees it over ZeroMQ:
 * it carries the cell's execute request as parent, so frontends show it under that cell.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let kernel: RunningKernel;
before(async () => {
  kernel = await startTestKernel({ env: { TRIPLETLAB_TYPECHECK: 'off' } });
});
after(async () => kernel?.stop());

const parentOf = (m: Pick<Message, "parent_header">) => (m.parent_header as { msg_id?: string }).msg_id;
const streamText = (messages: Message[], parent: string) =>
  messages.filter((m) => m.header.msg_type === 'stream' && parentOf(m) === parent).map((m) => (m.content as { text: string }).text).join('');

test("a timer's output after its cell finished goes under that cell, also while a later cell runs", async () => {
  const seen: Message[] = [];
  const off = kernel.client.onIOPub((m) => seen.push(m));
  try {
    const first = await kernel.client.execute("setTimeout(() => console.log('late'), 300); 1", { timeoutMs: 30_000 });
    const second = await kernel.client.execute("await new Promise((r) => setTimeout(r, 900)); console.log('second'); 2", { timeoutMs: 30_000 });
    await sleep(100);
    const firstId = parentOf(first.reply)!;
    const secondId = parentOf(second.reply)!;
    assert.equal(streamText(seen, firstId), 'late\n', 'late output is a child of the cell that set the timer');
    assert.equal(streamText(seen, secondId), 'second\n', 'the running cell keeps only its own output');
  } finally {
    off();
  }
});

test('display from a timer and an interval tick go under the cell that started them', async () => {
  const seen: Message[] = [];
  const off = kernel.client.onIOPub((m) => seen.push(m));
  try {
    const first = await kernel.client.execute("let ticks = 0; const iv = setInterval(() => { console.log('tick', ++ticks); if (ticks === 2) clearInterval(iv); }, 150); setTimeout(() => display.html('<b>late</b>'), 100); 'started'", { timeoutMs: 30_000 });
    const second = await kernel.client.execute('await new Promise((r) => setTimeout(r, 700)); 2', { timeoutMs: 30_000 });
    const firstId = parentOf(first.reply)!;
    assert.equal(streamText(seen, firstId), 'tick 1\ntick 2\n');
    assert.ok(seen.some((m) => m.header.msg_type === 'display_data' && parentOf(m) === firstId), 'the display is a child of the first cell');
    assert.equal(streamText(seen, parentOf(second.reply)!), '');
  } finally {
    off();
  }
});
