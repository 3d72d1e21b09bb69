import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KernelDiedError } from '../../../extension/kernel/kernel-died-error';
import { KernelStoppedError } from '../../../extension/kernel/kernel-stopped-error';
import { NotebookKernel, type KernelHost } from '../../../extension/kernel/notebook-kernel';
import { repoRoot } from '../../support/paths';
import { kernelArgv } from '../../kernel/server/kernel-process';

/** The extension's kernel object against the real kernel process, as a notebook in VS Code uses it. */
function notebookKernel(died: KernelDiedError[] = [], config: KernelHost['config'] = { config: () => undefined, error: () => undefined, closed: () => undefined }): NotebookKernel {
  return new NotebookKernel({
    argv: () => kernelArgv(['--typecheck', 'off']),
    cwd: repoRoot(),
    output: () => undefined,
    died: (err) => died.push(err),
    config,
    initialConfig: () => undefined,
  });
}

/** Resolves once the kernel runs a cell (its execute_input is out, and 300 ms more for its code to start). */
async function running(kernel: NotebookKernel): Promise<void> {
  const client = (await kernel.start()).client;
  await new Promise<void>((resolve) => {
    const off = client.onIOPub((m) => {
      if (m.header.msg_type !== 'execute_input') return;
      off();
      resolve();
    });
  });
  await new Promise((r) => setTimeout(r, 300));
}

// A kernel that misbehaves must fail its test, never hang the run.
const limit = { timeout: 120_000 };

test("a cell's process.exit(1) fails that cell with a sentence naming exit code 1, not a closed-client error", limit, async () => {
  const died: KernelDiedError[] = [];
  const kernel = notebookKernel(died);
  try {
    await kernel.start();
    const err = await kernel.execute('console.log("bye"); process.exit(1)', {}).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof KernelDiedError, `got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    assert.equal(err.code, 1);
    assert.match(err.message, /^The tripletlab kernel exited \(exit code 1\) while this cell was running\./);
    assert.doesNotMatch(err.message, /KernelClient|ClientClosed|SIGABRT/);
    assert.equal(died.length, 1, 'the editor is told once');
  } finally {
    await kernel.dispose();
  }
});

test('a restart while a cell runs fails that cell saying the kernel was restarted', limit, async () => {
  const kernel = notebookKernel();
  try {
    await kernel.start();
    const running = kernel.execute('await new Promise((r) => setTimeout(r, 60_000))', {}).then(() => undefined, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    await kernel.restart();
    const err = await running;
    assert.ok(err instanceof KernelStoppedError, `got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    assert.match(err.message, /restarted or stopped before this cell finished/);
    const after = await kernel.execute('6 * 7', {});
    assert.equal(after.reply.content.status, 'ok', 'the restarted kernel runs cells');
  } finally {
    await kernel.dispose();
  }
});

test('interrupt stops a busy loop after an await, and rejects with the reason and the way out where the kernel cannot stop one', limit, async () => {
  const kernel = notebookKernel();
  try {
    await kernel.start();
    // A first cell loads the transpiler and the evaluator, so the loop's own start is quick and
    // the interrupt finds it looping (a busy machine could otherwise be still starting it).
    await kernel.execute('1', {});
    const loop = kernel.execute('await null; while (true) {}', {});
    await running(kernel);
    await kernel.interrupt();
    assert.equal(((await loop).reply.content as { ename?: string }).ename, 'Interrupted');

    const stuck = kernel.execute('setTimeout(() => { while (true) {} }, 0); await new Promise(() => {})', {});
    stuck.catch(() => undefined);
    await running(kernel);
    await assert.rejects(kernel.interrupt(), /the interrupt cannot stop this cell: .*Restart the kernel/);
  } finally {
    await kernel.dispose();
  }
});

test('the config comm opened at kernel start works before any cell ran, without loading TensorFlow.js: the configuration arrives and a set is answered', limit, async () => {
  const heard: string[] = [];
  let closed = false;
  let changed!: () => void;
  const margin = new Promise<void>((resolve) => (changed = resolve));
  const kernel = notebookKernel([], {
    config: (c, source) => {
      heard.push(`${c.margin} ${c.mining} ${source ?? 'open'}`);
      if (c.margin === 0.35) changed();
    },
    error: (message) => heard.push(`error ${message}`),
    closed: () => (closed = true),
  });
  try {
    await kernel.start();
    kernel.setConfig({ margin: 0.35 });
    await margin;
    assert.equal(closed, false);
    assert.deepEqual(heard, ['0.2 batch-hard open', '0.35 batch-hard frontend']);
    assert.equal(kernel.config?.margin, 0.35);
    assert.equal(kernel.configOpen, true);
    // Serving the editor's controls loads the configuration only, not TensorFlow.js (a second of start-up and ~100 MB).
    const r = await kernel.execute("Object.keys(require.cache).some((path) => path.includes('tfjs-core'))", {});
    const result = r.outputs.find((m) => m.header.msg_type === 'execute_result')?.content as { data: Record<string, string> } | undefined;
    assert.equal(result?.data['text/plain'], 'false');
  } finally {
    await kernel.dispose();
  }
});
