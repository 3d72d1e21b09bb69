import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { nodeArgs, scriptBeside } from '../../support/paths';
import { startTestKernel } from './kernel-process';
import { alive } from '../../support/processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (what()) return true;
  return what();
}

test('process.exit(3) in a cell ends the kernel with exit code 3 after sending what the cell printed', async () => {
  const kernel = await startTestKernel();
  try {
    const outputs: string[] = [];
    void kernel.client.execute('console.log("before"); process.exit(3); console.log("after")', { timeoutMs: 30_000, onIOPub: (m) => m.header.msg_type === 'stream' && outputs.push(String((m.content as { text: string }).text)) }).catch(() => undefined);
    const exit = await kernel.exited;
    assert.deepEqual(exit, { code: 3, signal: null }, 'the exit code the cell asked for, not a crash (SIGABRT)');
    await sleep(200);
    assert.equal(outputs.join(''), 'before\n');
  } finally {
    await kernel.stop();
  }
});

for (const mode of ['idle', 'busy'] as const) {
  test(`${mode === 'idle' ? 'an idle' : 'a busy'} kernel whose launching process is killed exits within seconds and removes its connection folder`, async () => {
    const script = scriptBeside(__dirname + '/fixtures', 'launch-and-wait', __filename);
    const parent = spawn(process.execPath, [...nodeArgs(script), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: parent.stdout! }).once('line', resolve);
      parent.once('exit', (code) => reject(new Error(`launcher exited with ${code} before the kernel was ready`)));
    });
    const { pid, dir } = JSON.parse(line) as { pid: number; dir: string };
    assert.ok(alive(pid) && existsSync(dir));
    await sleep(mode === 'busy' ? 500 : 0);
    parent.kill('SIGKILL');
    try {
      assert.ok(await waitUntil(() => !alive(pid), 8_000), `kernel ${pid} still running 8 s after its parent was killed`);
      assert.ok(await waitUntil(() => !existsSync(dir), 2_000), `connection folder ${dir} left behind`);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
}
