import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CellRuntime } from '../../../kernel/exec';
import { FakeSink, cell } from './fake-sink';

const rt = new CellRuntime({ cwd: process.cwd(), captureProcessStreams: false });
after(() => rt.dispose());

test('frontend-opened comm: target called, messages echoed, close handled, comm_info lists it meanwhile', async () => {
  const setup = new FakeSink();
  const r = await rt.execute(
    `const seen: unknown[] = [];
     kernel.comms.registerTarget('echo', (comm, data) => {
       seen.push(['open', data]);
       comm.onMsg((d, msg) => { seen.push(['msg', d, msg.buffers.length]); comm.send({ echo: d }); });
       comm.onClose((d) => seen.push(['close', d]));
     });`,
    cell(setup),
  );
  assert.equal(r.status, 'ok');
  const sink = new FakeSink();
  rt.handleComm('comm_open', { comm_id: 'c1', target_name: 'echo', data: { hello: 1 } }, [], sink);
  assert.deepEqual(rt.commInfo(), { c1: { target_name: 'echo' } });
  assert.deepEqual(rt.commInfo('other'), {});
  rt.handleComm('comm_msg', { comm_id: 'c1', data: { n: 2 } }, [Buffer.from('x')], sink);
  rt.handleComm('comm_close', { comm_id: 'c1', data: { bye: true } }, [], sink);
  assert.deepEqual(rt.commInfo(), {});
  assert.deepEqual(sink.messages, [{ msgType: 'comm_msg', content: { comm_id: 'c1', data: { echo: { n: 2 } } }, metadata: {}, buffers: undefined }]);
  const seen = await rt.execute('JSON.stringify(seen)', cell(new FakeSink()));
  assert.deepEqual(seen, { status: 'ok', result: { 'text/plain': `'[["open",{"hello":1}],["msg",{"n":2},1],["close",{"bye":true}]]'` } });
});

test('a comm_open for an unknown target is answered with comm_close', () => {
  const sink = new FakeSink();
  rt.handleComm('comm_open', { comm_id: 'c2', target_name: 'nobody', data: {} }, [], sink);
  assert.deepEqual(sink.messages, [{ msgType: 'comm_close', content: { comm_id: 'c2', data: {} }, metadata: undefined, buffers: undefined }]);
  assert.deepEqual(rt.commInfo(), {});
});

test('kernel-opened comm sends comm_open, comm_msg and comm_close with one comm_id', async () => {
  const sink = new FakeSink();
  const r = await rt.execute("const c = kernel.comms.open('plot', { init: true }); c.send({ step: 1 }); const listed = kernel.comms.list('plot').length; c.close(); listed", cell(sink));
  assert.deepEqual(r, { status: 'ok', result: { 'text/plain': '1' } });
  assert.deepEqual(sink.messages.map((m) => m.msgType), ['comm_open', 'comm_msg', 'comm_close']);
  const id = sink.messages[0].content.comm_id;
  assert.deepEqual(sink.messages[0].content, { comm_id: id, target_name: 'plot', data: { init: true } });
  assert.ok(sink.messages.every((m) => m.content.comm_id === id));
});

test('an error in a comm handler is reported on stderr and later messages are still served', async () => {
  await rt.execute("kernel.comms.registerTarget('flaky', (comm) => comm.onMsg(() => { throw new Error('handler broke'); }))", cell(new FakeSink()));
  const sink = new FakeSink();
  rt.handleComm('comm_open', { comm_id: 'c3', target_name: 'flaky', data: {} }, [], sink);
  rt.handleComm('comm_msg', { comm_id: 'c3', data: {} }, [], sink);
  rt.handleComm('comm_msg', { comm_id: 'c3', data: {} }, [], sink);
  assert.equal(sink.streamText('stderr').match(/Error: handler broke/g)?.length, 2);
});

test('a lazy target loads on the first comm_open naming it, once, and serves that open', () => {
  const sink = new FakeSink();
  let loads = 0;
  rt.kernel.comms.registerLazyTarget('lazy.echo', () => {
    loads++;
    rt.kernel.comms.registerTarget('lazy.echo', (comm, data) => comm.send({ opened: data }));
  });
  assert.equal(loads, 0, 'registering does not load');
  rt.handleComm('comm_open', { comm_id: 'l1', target_name: 'lazy.echo', data: { n: 1 } }, [], sink);
  rt.handleComm('comm_open', { comm_id: 'l2', target_name: 'lazy.echo', data: { n: 2 } }, [], sink);
  assert.equal(loads, 1);
  assert.deepEqual(sink.messages.map((m) => m.content.data), [{ opened: { n: 1 } }, { opened: { n: 2 } }]);
  rt.handleComm('comm_close', { comm_id: 'l1', data: {} }, [], sink);
  rt.handleComm('comm_close', { comm_id: 'l2', data: {} }, [], sink);
  rt.kernel.comms.unregisterTarget('lazy.echo');
});

test('a lazy target loads on a comm_info_request naming it; one whose loader registers nothing is closed and named', () => {
  let loaded = false;
  rt.kernel.comms.registerLazyTarget('lazy.info', () => {
    loaded = true;
    rt.kernel.comms.registerTarget('lazy.info', () => {});
  });
  rt.commInfo();
  assert.equal(loaded, false, 'comm_info for all targets does not load');
  assert.deepEqual(rt.commInfo('lazy.info'), {});
  assert.equal(loaded, true);
  rt.kernel.comms.unregisterTarget('lazy.info');

  rt.kernel.comms.registerLazyTarget('lazy.broken', () => {});
  const sink = new FakeSink();
  rt.handleComm('comm_open', { comm_id: 'b1', target_name: 'lazy.broken', data: {} }, [], sink);
  assert.match(sink.streamText('stderr'), /the loader of comm target 'lazy\.broken' did not register it; call kernel\.comms\.registerTarget\('lazy\.broken'/);
  assert.deepEqual(sink.of('comm_close').map((m) => m.content.comm_id), ['b1']);
});
