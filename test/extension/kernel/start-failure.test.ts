import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startKernel } from '../../../kernel/wire/launcher';
import { startFailure } from '../../../extension/kernel/start-failure';

async function startWith(nodePath: string): Promise<unknown> {
  return startKernel({ argv: [nodePath, '--version'], readyTimeoutMs: 20_000, heartbeat: false }).then(
    async (k) => {
      await k.stop();
      return new Error('started');
    },
    (err: unknown) => err,
  );
}

test('a tripletlab.nodePath that does not exist is reported by the setting\'s name, with the fix, not the kernelspec argv', async () => {
  const err = startFailure(await startWith('/no/such/node'), '/no/such/node');
  assert.equal(err.name, 'KernelStartError');
  assert.match(err.message, /setting 'tripletlab\.nodePath' \('\/no\/such\/node'\): there is no such program/);
  assert.match(err.message, /Set 'tripletlab\.nodePath' to 'node'.*Node\.js 20\.19\+/);
  assert.doesNotMatch(err.message, /argv|connection_file|kernelspec/);
});

test('a program that exits at once is reported with its exit code and last line', async () => {
  // `node --version` prints its version and exits 0 without starting a kernel.
  const err = startFailure(await startWith(process.execPath), process.execPath);
  assert.match(err.message, /it exited with code 0 \(last output: v\d+\.\d+\.\d+\)/);
});

test('other errors pass through unchanged', () => {
  const original = new RangeError('x');
  assert.equal(startFailure(original, 'node'), original);
});
