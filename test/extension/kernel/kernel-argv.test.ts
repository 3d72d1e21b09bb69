import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { kernelArgv } from '../../../extension/kernel/kernel-argv';

test('argv runs the packaged kernel CLI with the configured node and typecheck mode', () => {
  assert.deepEqual(kernelArgv('/ext', { nodePath: '/opt/node20/bin/node', typecheck: 'error' }), [
    '/opt/node20/bin/node', join('/ext', 'out', 'kernel', 'cli', 'main.js'), 'kernel', '--connection-file', '{connection_file}', '--typecheck', 'error',
  ]);
});

test('an empty node path or an unknown typecheck mode names the setting and the fix', () => {
  assert.throws(() => kernelArgv('/ext', { nodePath: ' ', typecheck: 'warn' }), /tripletlab\.nodePath.*Node\.js 20/);
  assert.throws(() => kernelArgv('/ext', { nodePath: 'node', typecheck: 'strict' }), /tripletlab\.typecheck.*'warn', 'error', 'off'/);
});
