import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CellOutputs, STDOUT_MIME, type OutputOp } from '../../../extension/output/cell-outputs';
import { CellRuns } from '../../../extension/output/cell-runs';

const msg = (parent: string, msg_type: string, content: Record<string, unknown>) => ({ header: { msg_type } as never, parent_header: { msg_id: parent } as never, content });
const stdout = (parent: string, text: string) => msg(parent, 'stream', { name: 'stdout', text });

test("output arriving after a cell finished goes under that cell, joining its last stream output", () => {
  const runs = new CellRuns<string>();
  const outputs = new CellOutputs('A', new Map());
  runs.started('req-1', 'A', outputs);
  const during = outputs.handle(stdout('req-1', 'early\n'))[0].ops[0] as Extract<OutputOp, { op: 'append' }>;
  assert.deepEqual(runs.late(stdout('req-1', 'not late\n')), [], 'while the cell runs its own execution shows its output');
  runs.finished('req-1');
  assert.deepEqual(runs.late(stdout('req-1', 'late\n')), [{ cell: 'A', ops: [{ op: 'appendItems', outputId: during.output.id, items: [{ kind: 'text', mime: STDOUT_MIME, value: 'late\n' }] }] }]);
  const display = runs.late(msg('req-1', 'display_data', { data: { 'text/plain': 'x' }, metadata: {} }));
  assert.equal(display[0]?.cell, 'A');
  assert.equal(display[0].ops[0].op, 'append');
});

test('late output of another cell, of an unknown request, or of a run the cell replaced goes nowhere', () => {
  const runs = new CellRuns<string>();
  runs.started('req-1', 'A', new CellOutputs('A', new Map()));
  runs.finished('req-1');
  runs.started('req-2', 'B', new CellOutputs('B', new Map()));
  runs.finished('req-2');
  assert.equal(runs.late(stdout('req-2', 'b\n'))[0].cell, 'B');
  assert.deepEqual(runs.late(stdout('req-9', 'x\n')), []);
  runs.started('req-3', 'A', new CellOutputs('A', new Map()));
  runs.finished('req-3');
  assert.deepEqual(runs.late(stdout('req-1', 'from the old run\n')), [], 'a cell run again forgets its earlier run');
  assert.equal(runs.late(stdout('req-3', 'new run\n'))[0].cell, 'A');
});

test('only the most recent 200 runs are remembered', () => {
  const runs = new CellRuns<number>();
  for (let i = 0; i < 250; i++) {
    runs.started(`req-${i}`, i, new CellOutputs(i, new Map()));
    runs.finished(`req-${i}`);
  }
  assert.deepEqual(runs.late(stdout('req-0', 'x\n')), []);
  assert.equal(runs.late(stdout('req-249', 'x\n'))[0].cell, 249);
});
