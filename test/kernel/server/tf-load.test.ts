import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunningKernel } from '../../../kernel/wire/launcher';
import { startTestKernel, texts } from './kernel-process';

// TensorFlow.js loads once per kernel, so each case starts its own kernel.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(kernel: RunningKernel, code: string) {
  const r = await kernel.client.execute(code, { timeoutMs: 120_000 });
  const result = r.outputs.find((m) => m.header.msg_type === 'execute_result');
  const stderr = r.outputs.filter((m) => m.header.msg_type === 'stream' && (m.content as { name: string }).name === 'stderr').map((m) => (m.content as { text: string }).text).join('');
  return { status: (r.reply.content as { status: string }).status, text: texts(r.outputs), stderr, result: (result?.content as { data?: Record<string, string> } | undefined)?.data?.['text/plain'] };
}

test('the first cell that uses tf runs on the backend the kernel chose, and the backend notice is shown in that cell', async () => {
  const kernel = await startTestKernel({ env: { TRIPLETLAB_TYPECHECK: 'off', TRIPLETLAB_BACKEND: 'wasm' } });
  try {
    const first = await run(kernel, 'tf.getBackend()');
    assert.equal(first.result, "'wasm'", first.text);
    assert.match(first.stderr, /using the wasm backend/);
    const second = await run(kernel, 'tf.getBackend()');
    assert.equal(second.stderr, '', 'the notice is printed once, in the cell that loaded TensorFlow.js');
  } finally {
    await kernel.stop();
  }
});

// Interrupts at several points of the first load (~1.5 s): whenever one lands, tf and triplet work afterwards.
for (const delayMs of [50, 150, 300, 600]) {
  test(`an interrupt ${delayMs} ms into TensorFlow.js's first load leaves tf and triplet working`, async () => {
    const kernel = await startTestKernel({ env: { TRIPLETLAB_TYPECHECK: 'off' } });
    try {
      await run(kernel, '1');
      const first = kernel.client.execute('tf.ones([2]).dataSync().length', { timeoutMs: 120_000 });
      await sleep(delayMs);
      await kernel.client.interrupt(10_000);
      await first;
      const after = await run(kernel, 'tf.ones([3]).dataSync().length');
      assert.equal(after.result, '3', after.text);
      const loss = await run(kernel, 'triplet.batchHardTripletLoss(tf.tensor2d([[0, 0], [0, 1], [3, 0], [3, 1]]), [0, 0, 1, 1]).dataSync().length');
      assert.equal(loss.status, 'ok', loss.text);
    } finally {
      await kernel.stop();
    }
  });
}

test('a cell that reaches tf without naming it (through a function) cannot be interrupted half-way through the load', async () => {
  const kernel = await startTestKernel({ env: { TRIPLETLAB_TYPECHECK: 'off' } });
  try {
    await run(kernel, 'const lib = () => (globalThis as any)["t" + "f"];');
    const first = kernel.client.execute('lib().ones([2]).dataSync().length', { timeoutMs: 120_000 });
    await sleep(150);
    await kernel.client.interrupt(10_000);
    await first;
    const after = await run(kernel, 'lib().ones([3]).dataSync().length');
    assert.equal(after.result, '3', after.text);
  } finally {
    await kernel.stop();
  }
});
