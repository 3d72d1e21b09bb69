import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CellRuntime } from '../../../kernel/exec';
import { FakeSink, cell } from './fake-sink';

const rt = new CellRuntime({ cwd: process.cwd(), captureProcessStreams: false });
after(() => rt.dispose());

test('1,000 console.logs arrive as a few stream messages with all the text, in order', async () => {
  const sink = new FakeSink();
  const r = await rt.execute('for (let i = 0; i < 1000; i++) console.log(`line ${i}`);', cell(sink));
  assert.equal(r.status, 'ok');
  const streams = sink.of('stream');
  assert.ok(streams.length <= 5, `${streams.length} stream messages`);
  assert.equal(sink.streamText('stdout'), Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join(''));
});

test('console methods go to the stream Node sends them to, without colours', async () => {
  const sink = new FakeSink();
  await rt.execute("console.info('i'); console.debug('d'); console.error('e'); console.warn('w'); console.log({ n: 1 }); console.count(); console.assert(false, 'bad')", cell(sink));
  assert.equal(sink.streamText('stdout'), 'i\nd\n{ n: 1 }\ndefault: 1\n');
  assert.equal(sink.streamText('stderr'), 'e\nw\nAssertion failed: bad\n');
  for (const m of sink.of('stream')) assert.doesNotMatch(m.content.text, /\x1b\[/);
});

test('stdout and stderr interleave in the order written', async () => {
  const sink = new FakeSink();
  await rt.execute("console.log('a'); console.error('b'); console.log('c')", cell(sink));
  assert.deepEqual(sink.of('stream').map((m) => [m.content.name, m.content.text]), [['stdout', 'a\n'], ['stderr', 'b\n'], ['stdout', 'c\n']]);
});

test('output from a timer that outlives its cell goes to the cell that set it; after an await in the callback, to the most recent cell', async () => {
  const first = new FakeSink();
  await rt.execute("setTimeout(async () => { console.log('late'); await null; console.log('after await'); }, 30); 'scheduled'", cell(first));
  const second = new FakeSink();
  await rt.execute('await new Promise((r) => setTimeout(r, 80))', cell(second));
  assert.equal(first.streamText('stdout'), 'late\n');
  assert.equal(second.streamText('stdout'), 'after await\n');
});

test('display and update share one display_id, sent in transient', async () => {
  const sink = new FakeSink();
  await rt.execute("console.log('before'); const h = display({ step: 1 }); h.update({ step: 2 }); display.html('<b>x</b>')", cell(sink));
  assert.deepEqual(sink.messages.map((m) => m.msgType), ['stream', 'display_data', 'update_display_data', 'display_data']);
  const [, shown, updated, html] = sink.messages;
  assert.equal(shown.content.data['text/plain'], '{ step: 1 }');
  assert.equal(updated.content.data['text/plain'], '{ step: 2 }');
  assert.equal(typeof shown.content.transient.display_id, 'string');
  assert.equal(updated.content.transient.display_id, shown.content.transient.display_id);
  assert.notEqual(html.content.transient.display_id, shown.content.transient.display_id);
  assert.deepEqual(html.content.data, { 'text/html': '<b>x</b>' });
});

test('display.png, display.json, display.mime and display.clear send the right messages', async () => {
  const sink = new FakeSink();
  await rt.execute(
    "display.png(new Uint8Array([137, 80, 78, 71])); display.json({ a: [1] }); display.mime({ 'text/csv': 'a,b' }, { note: 1 }); display.clear({ wait: true }); display('x', { displayId: 'mine' })",
    cell(sink),
  );
  const [png, json, mime, clear, own] = sink.messages;
  assert.equal(png.content.data['image/png'], Buffer.from([137, 80, 78, 71]).toString('base64'));
  assert.deepEqual(json.content.data['application/json'], { a: [1] });
  assert.deepEqual(mime.content.data, { 'text/csv': 'a,b' });
  assert.deepEqual(mime.content.metadata, { note: 1 });
  assert.deepEqual(clear, { msgType: 'clear_output', content: { wait: true }, metadata: undefined, buffers: undefined });
  assert.equal(own.content.transient.display_id, 'mine');
});

test('bad display arguments name the function, the argument and the fix', async () => {
  const r = await rt.execute('display.png(42 as any)', cell(new FakeSink()));
  assert.equal(r.status, 'error');
  if (r.status === 'error') assert.match(r.evalue, /display\.png: argument 'data' must be a Uint8Array.*fs\.readFileSync/);
});

test('input() round-trips through the sink, password flag included', async () => {
  const sink = new FakeSink(['ada', 'secret']);
  const r = await rt.execute("const who = await input('Name? '); const pw = await input('Password: ', { password: true }); `${who}/${pw.length}`", cell(sink));
  assert.deepEqual(r, { status: 'ok', result: { 'text/plain': "'ada/6'" } });
  assert.deepEqual(sink.prompts, [
    { prompt: 'Name? ', password: false },
    { prompt: 'Password: ', password: true },
  ]);
});

test('input() fails the cell when the frontend does not allow stdin', async () => {
  const r = await rt.execute("await input('x')", cell(new FakeSink()));
  assert.equal(r.status, 'error');
  if (r.status === 'error') assert.equal(r.evalue, 'stdin not allowed');
});

test('a display handle as the last expression is not echoed as an execute_result', async () => {
  const sink = new FakeSink();
  const out = await rt.execute('display.html("<b>shown once</b>")', cell(sink));
  assert.equal(out.status, 'ok');
  assert.equal(out.status === 'ok' && out.result, undefined);
  assert.equal(sink.of('display_data').length, 1);
});

test('kernel.page() returns a pager payload with the cell, and rejects non-text content', async () => {
  const sink = new FakeSink();
  const out = await rt.execute('kernel.page("help text"); kernel.page({ "text/markdown": "# Help" }); 1', cell(sink));
  assert.equal(out.status, 'ok');
  assert.deepEqual(out.status === 'ok' && out.payload, [
    { source: 'page', data: { 'text/plain': 'help text' }, start: 0 },
    { source: 'page', data: { 'text/markdown': '# Help' }, start: 0 },
  ]);
  const next = await rt.execute('2', cell(new FakeSink()));
  assert.equal(next.status === 'ok' && next.payload, undefined, 'pages belong to the cell that made them');
  const bad = await rt.execute('kernel.page(42 as any)', cell(new FakeSink()));
  assert.equal(bad.status, 'error');
  assert.match(bad.status === 'error' ? bad.evalue : '', /kernel\.page.*content/);
});
