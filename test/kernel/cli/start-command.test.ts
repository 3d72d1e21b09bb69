import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeTutorials, listTutorials, parseStartArgs } from '../../../kernel/cli/tutorials';
import { UsageError } from '../../../kernel/cli/usage-error';
import { nodeArgs, repoRoot } from '../../support/paths';

const CLI = __filename.endsWith('.ts') ? join(repoRoot(), 'kernel', 'cli', 'main.ts') : join(repoRoot(), 'out', 'kernel', 'cli', 'main.js');

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tripletlab-tutorials-'));
  const nb = (title: string) => JSON.stringify({ cells: [{ cell_type: 'markdown', source: [`# ${title}\n`, 'text'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
  writeFileSync(join(dir, '00-hello.ipynb'), nb('Hello'));
  writeFileSync(join(dir, '03-mining.ipynb'), nb('Mining strategies'));
  writeFileSync(join(dir, '01-first.ipynb'), nb('First'));
  writeFileSync(join(dir, 'scratch.ipynb'), nb('not a tutorial'));
  writeFileSync(join(dir, 'README.md'), '# x');
  return dir;
}

test('listTutorials lists the numbered notebooks in order with their titles', () => {
  assert.deepEqual(listTutorials(folder()), [
    { number: '00', file: '00-hello.ipynb', title: 'Hello' },
    { number: '01', file: '01-first.ipynb', title: 'First' },
    { number: '03', file: '03-mining.ipynb', title: 'Mining strategies' },
  ]);
});

test('start takes nothing, list, or a tutorial number with or without its leading zero', () => {
  const tutorials = listTutorials(folder());
  assert.deepEqual(parseStartArgs([], tutorials), { kind: 'first' });
  assert.deepEqual(parseStartArgs(['list'], tutorials), { kind: 'list' });
  assert.equal(parseStartArgs(['03'], tutorials).kind, 'one');
  assert.deepEqual(parseStartArgs(['3'], tutorials), { kind: 'one', tutorial: tutorials[2] });
});

test('an unknown tutorial number names the ones that exist', () => {
  const tutorials = listTutorials(folder());
  assert.throws(() => parseStartArgs(['07'], tutorials), (e: Error) => e instanceof UsageError && /there is no tutorial 07; the tutorials are 00, 01, 03/.test(e.message));
  assert.throws(() => parseStartArgs(['mining'], tutorials), /'mining' is neither a tutorial number nor 'list'; tutorials: 00, 01, 03/);
  assert.throws(() => parseStartArgs(['01', '03'], tutorials), /at most one argument/);
});

test('describeTutorials gives the command that runs each tutorial', () => {
  assert.equal(describeTutorials(listTutorials(folder()).slice(2)), '  npm start -- 03   03-mining.ipynb: Mining strategies');
});

test('tripletlab start list lists the real tutorials; start 99 exits 2 naming them', () => {
  const list = spawnSync(process.execPath, [...nodeArgs(CLI), 'start', 'list'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /npm start -- 00 {3}00-hello\.ipynb: Hello, tripletlab/);
  assert.match(list.stdout, /npm start -- 05 {3}05-many-identities\.ipynb/);
  const bad = spawnSync(process.execPath, [...nodeArgs(CLI), 'start', '99'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /there is no tutorial 99; the tutorials are 00, 01, .*04/);
});
