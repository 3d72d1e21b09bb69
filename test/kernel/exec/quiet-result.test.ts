import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CellRuntime } from '../../../kernel/exec';
import { FakeSink, cell } from './fake-sink';

const rt = new CellRuntime({ cwd: process.cwd(), captureProcessStreams: false });
after(() => rt.dispose());

async function result(code: string): Promise<string | undefined> {
  const outcome = await rt.execute(code, cell(new FakeSink()));
  assert.equal(outcome.status, 'ok', JSON.stringify(outcome));
  return outcome.status === 'ok' ? (outcome.result?.['text/plain'] as string | undefined) : undefined;
}

test("a cell whose last token is ';' shows no result, as in IPython", async () => {
  assert.equal(await result('1 + 1;'), undefined);
  assert.equal(await result('await Promise.resolve({ loss: [0.3, 0.2] });'), undefined, 'await triplet.fit(...); stores nothing');
  assert.equal(await result('1 + 1; // quiet'), undefined, 'a comment after the ; does not count');
  assert.equal(await result('1 + 1;\n/* done */\n'), undefined);
});

test("a cell not ending in ';' shows its result, also with ';' inside strings, comments or earlier statements", async () => {
  assert.equal(await result('1 + 1'), '2');
  assert.equal(await result('const q = 1; q + 1'), '2');
  assert.equal(await result('1 + 1 // ends with a note;'), '2');
  assert.equal(await result("'a;'"), "'a;'");
  assert.equal(await result('`x;`'), "'x;'");
});
