import { nodeArgs, repoRoot, scriptBeside } from '../../support/paths';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

// These change process-wide state, so each runs in its own child process (see fixtures/).
function scenario(name: string): Record<string, any> {
  const script = scriptBeside(join(__dirname, 'fixtures'), 'process-scenarios', __filename);
  const out = execFileSync(process.execPath, [...nodeArgs(script), name], { cwd: repoRoot(), encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

test('an unhandled rejection and an error in a timer callback go to stderr and later cells still run', () => {
  const r = scenario('stray-errors');
  assert.equal(r.first.status, 'ok');
  assert.match(r.stderr, /Unhandled promise rejection:\nError: lost promise/);
  assert.match(r.stderr, /Uncaught exception in a callback:\nTypeError: late timer/);
  assert.deepEqual(r.next, { status: 'ok', result: { 'text/plain': '2' } });
});

test('process.stdout.write and process.stderr.write from a cell become stream messages', () => {
  const r = scenario('process-streams');
  assert.equal(r.stdout, 'raw out\n');
  assert.equal(r.stderr, 'raw err\nwarned\n');
});
