import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CellOutputs, ERROR_MIME, STDERR_MIME, STDOUT_MIME, type DisplayTarget, type OutputOp } from '../../../extension/output/cell-outputs';

const msg = (msg_type: string, content: Record<string, unknown>) => ({ header: { msg_type } as never, content });

function run(outputs: CellOutputs<string>, messages: ReturnType<typeof msg>[]): { cell: string; ops: OutputOp[] }[] {
  return messages.flatMap((m) => outputs.handle(m));
}

function ops(result: { cell: string; ops: OutputOp[] }[]): OutputOp[] {
  return result.flatMap((r) => r.ops);
}

test('consecutive stream text of one name joins one output; another name starts a new one', () => {
  const out = new CellOutputs('A', new Map());
  const r = ops(run(out, [msg('stream', { name: 'stdout', text: 'a\n' }), msg('stream', { name: 'stdout', text: 'b\n' }), msg('stream', { name: 'stderr', text: 'warn\n' }), msg('stream', { name: 'stdout', text: 'c\n' })]));
  assert.deepEqual(r.map((o) => o.op), ['append', 'appendItems', 'append', 'append']);
  const first = r[0] as Extract<OutputOp, { op: 'append' }>;
  assert.deepEqual(first.output.items, [{ kind: 'text', mime: STDOUT_MIME, value: 'a\n' }]);
  assert.equal((r[1] as Extract<OutputOp, { op: 'appendItems' }>).outputId, first.output.id);
  assert.equal((r[2] as Extract<OutputOp, { op: 'append' }>).output.items[0].mime, STDERR_MIME);
  assert.notEqual((r[3] as Extract<OutputOp, { op: 'append' }>).output.id, first.output.id);
});

test('a display between two prints splits the stream, as Jupyter frontends show it', () => {
  const out = new CellOutputs('A', new Map());
  const r = ops(run(out, [msg('stream', { name: 'stdout', text: 'a' }), msg('display_data', { data: { 'text/plain': 'x' }, metadata: {} }), msg('stream', { name: 'stdout', text: 'b' })]));
  assert.deepEqual(r.map((o) => o.op), ['append', 'append', 'append']);
});

test('display_data and execute_result add one output each with one item per MIME type', () => {
  const out = new CellOutputs('A', new Map());
  const r = ops(run(out, [msg('display_data', { data: { 'text/html': '<b>x</b>', 'text/plain': 'x' }, metadata: { isolated: true } }), msg('execute_result', { data: { 'text/plain': '2' }, metadata: {}, execution_count: 1 })]));
  assert.equal(r.length, 2);
  const [d, e] = r as Extract<OutputOp, { op: 'append' }>[];
  assert.deepEqual(d.output.items.map((i) => i.mime), ['text/html', 'text/plain']);
  assert.deepEqual(e.output.items, [{ kind: 'text', mime: 'text/plain', value: '2' }]);
});

test("results are saved as execute_result with their execution count (Out[n]), displays as display_data with their metadata (VS Code's ipynb serializer fields)", () => {
  const out = new CellOutputs('A', new Map());
  const r = ops(run(out, [msg('display_data', { data: { 'text/plain': 'x' }, metadata: { isolated: true } }), msg('execute_result', { data: { 'text/plain': '2' }, metadata: {}, execution_count: 7 })]));
  const [d, e] = r as Extract<OutputOp, { op: 'append' }>[];
  assert.deepEqual(d.output.metadata, { outputType: 'display_data', metadata: { isolated: true } });
  assert.deepEqual(e.output.metadata, { outputType: 'execute_result', executionCount: 7 });
});

test('update_display_data replaces every output shown under its display id, in other cells too', () => {
  const displays = new Map<string, DisplayTarget<string>[]>();
  const a = new CellOutputs('A', displays);
  const shown = ops(run(a, [msg('display_data', { data: { 'text/plain': 'v1' }, metadata: {}, transient: { display_id: 'd1' } }), msg('display_data', { data: { 'text/plain': 'v1' }, metadata: {}, transient: { display_id: 'd1' } })])) as Extract<OutputOp, { op: 'append' }>[];
  const b = new CellOutputs('B', displays);
  const r = b.handle(msg('update_display_data', { data: { 'text/plain': 'v2' }, metadata: {}, transient: { display_id: 'd1' } }));
  assert.deepEqual(r, shown.map((s) => ({ cell: 'A', ops: [{ op: 'replaceItems', outputId: s.output.id, items: [{ kind: 'text', mime: 'text/plain', value: 'v2' }], metadata: undefined }] })));
  assert.deepEqual(b.handle(msg('update_display_data', { data: { 'text/plain': 'v3' }, metadata: {}, transient: { display_id: 'unknown' } })), []);
});

test('clear_output clears now; with wait it clears just before the next output', () => {
  const out = new CellOutputs('A', new Map());
  assert.deepEqual(ops(out.handle(msg('clear_output', { wait: false }))), [{ op: 'clear' }]);
  assert.deepEqual(out.handle(msg('clear_output', { wait: true })), []);
  const r = ops(out.handle(msg('stream', { name: 'stdout', text: 'frame 2' })));
  assert.deepEqual(r.map((o) => o.op), ['clear', 'append']);
  // After the deferred clear, the next text must not be appended to an output that no longer exists.
  const after = ops(out.handle(msg('clear_output', { wait: true }))).concat(ops(out.handle(msg('stream', { name: 'stdout', text: 'frame 3' }))));
  assert.deepEqual(after.map((o) => o.op), ['clear', 'append']);
});

test('error becomes one error item with the traceback joined as its stack', () => {
  const out = new CellOutputs('A', new Map());
  const [op] = ops(out.handle(msg('error', { ename: 'TypeError', evalue: 'x is not a function', traceback: ['TypeError: x is not a function', '    at cell 1:1'] }))) as Extract<OutputOp, { op: 'append' }>[];
  assert.deepEqual(op.output.items, [{ kind: 'json', mime: ERROR_MIME, value: { name: 'TypeError', message: 'x is not a function', stack: 'TypeError: x is not a function\n    at cell 1:1' } }]);
});

test('status, execute_input and comm messages produce no outputs', () => {
  const out = new CellOutputs('A', new Map());
  for (const t of ['status', 'execute_input', 'comm_open', 'comm_msg', 'comm_close']) assert.deepEqual(out.handle(msg(t, { comm_id: 'x', data: {} })), [], t);
  assert.deepEqual(out.handle(msg('stream', { name: 'stdout', text: '' })), []);
});
