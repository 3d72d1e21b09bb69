import { nodeArgs, repoRoot, scriptBeside } from '../../support/paths';
/**
 * Interoperability with the Jupyter project's own implementation (Debian python3-jupyter-client
 * and python3-ipykernel, run with /usr/bin/python3): messages signed by jupyter_client's Session
 * decode here and ours decode there; our client drives ipykernel; jupyter_client drives a kernel
 * served by KernelSockets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decodeMessage, encodeMessage } from '../../../kernel/wire/framing';
import { makeMessage } from '../../../kernel/wire/build';
import { Signer } from '../../../kernel/wire/signing';
import { ReplayGuard } from '../../../kernel/wire/replay';
import { startKernel } from '../../../kernel/wire/launcher';

const PYTHON = '/usr/bin/python3';
const KEY = 'interop-key-0123';

function pythonHas(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}
const noClient = pythonHas('jupyter_client') ? false : `jupyter_client is not importable by ${PYTHON} (apt-get install python3-jupyter-client)`;
const noKernel = pythonHas('ipykernel') ? false : `ipykernel is not importable by ${PYTHON} (apt-get install python3-ipykernel)`;

function python(script: string, input = '', args: string[] = []): string {
  return execFileSync(PYTHON, ['-c', script, ...args], { input, encoding: 'utf8', timeout: 60_000 });
}

test('a message serialised by jupyter_client Session decodes and verifies here', { skip: noClient }, () => {
  const out = python(`
import json
from jupyter_client.session import Session
s = Session(key=b'${KEY}', username='py')
msg = s.msg('execute_request', content={'code': 'x = 1', 'unicode': 'h\\u00e9 \\u2713'}, metadata={'m': 1})
frames = s.serialize(msg, ident=[b'route-1', b'route-2'])
frames += [b'\\x00\\x01buf', b'second']
print(json.dumps([f.hex() for f in frames]))
`);
  const frames = (JSON.parse(out) as string[]).map((h) => Buffer.from(h, 'hex'));
  const guard = new ReplayGuard();
  const msg = decodeMessage(frames, new Signer(KEY), guard);
  assert.equal(msg.header.msg_type, 'execute_request');
  assert.equal(msg.header.username, 'py');
  assert.equal(msg.header.version, '5.3');
  assert.deepEqual(msg.content, { code: 'x = 1', unicode: 'hé ✓' });
  assert.deepEqual(msg.metadata, { m: 1 });
  assert.deepEqual(msg.identities.map(String), ['route-1', 'route-2']);
  assert.deepEqual(msg.buffers.map((b) => b.toString('hex')), ['0001627566', '7365636f6e64']);
  assert.throws(() => decodeMessage(frames, new Signer('other-key')), /signature does not match/);
  assert.throws(() => decodeMessage(frames, new Signer(KEY), guard), /already seen/);
});

test('a message encoded here deserialises and verifies in jupyter_client Session', { skip: noClient }, () => {
  const msg = makeMessage('comm_msg', { comm_id: 'c1', data: { x: [1, 2.5, 'é'] } }, 'node-session', {
    identities: [Buffer.from('who')],
    metadata: { k: 'v' },
    buffers: [Buffer.from([9, 8, 7])],
  });
  const frames = encodeMessage(msg, new Signer(KEY), { digestBuffers: true });
  const out = python(
    `
import json, sys
from jupyter_client.session import Session
s = Session(key=b'${KEY}')
frames = [bytes.fromhex(h) for h in json.load(sys.stdin)]
idents, rest = s.feed_identities(frames)
m = s.deserialize(rest)
try:
    s.deserialize(rest)
    dup = 'accepted'
except ValueError as e:
    dup = str(e).split(':')[0]
print(json.dumps({'idents': [i.decode() for i in idents], 'type': m['header']['msg_type'], 'content': m['content'],
  'metadata': m['metadata'], 'buffers': [bytes(b).hex() for b in m['buffers']], 'dup': dup}))
`,
    JSON.stringify(frames.map((f) => f.toString('hex'))),
  );
  const got = JSON.parse(out);
  assert.deepEqual(got.idents, ['who']);
  assert.equal(got.type, 'comm_msg');
  assert.deepEqual(got.content, { comm_id: 'c1', data: { x: [1, 2.5, 'é'] } });
  // The buffer digests ride in metadata, which jupyter_client passes through untouched.
  assert.equal(got.metadata.k, 'v');
  assert.equal(got.buffers[0], '090807');
  assert.equal(got.dup, 'Duplicate Signature');
});

test('KernelClient drives ipykernel: outputs, errors, stdin, heartbeat, interrupt and shutdown', { skip: noKernel || noClient }, async () => {
  const kernel = await startKernel({ argv: [PYTHON, '-m', 'ipykernel_launcher', '-f', '{connection_file}'], readyTimeoutMs: 30_000 });
  try {
    const info = await kernel.client.kernelInfo();
    assert.equal(info.content.language_info.name, 'python');
    assert.equal(await kernel.client.heartbeat(5_000), true);

    const ok = await kernel.client.execute('print(6 * 7)\n6 * 7', { timeoutMs: 20_000 });
    assert.equal(ok.reply.content.status, 'ok');
    assert.deepEqual(ok.outputs.map((m) => m.header.msg_type), ['stream', 'execute_result']);
    assert.equal(ok.outputs[0].content.text, '42\n');
    assert.equal((ok.outputs[1].content.data as Record<string, string>)['text/plain'], '42');

    const err = await kernel.client.execute('1 / 0', { timeoutMs: 20_000 });
    assert.equal(err.reply.content.status, 'error');
    assert.equal(err.outputs[0].header.msg_type, 'error');
    assert.equal(err.outputs[0].content.ename, 'ZeroDivisionError');

    const asked: string[] = [];
    const inp = await kernel.client.execute('print("hi " + input("name? "))', {
      onInput: (prompt) => {
        asked.push(prompt);
        return 'Ada';
      },
      timeoutMs: 20_000,
    });
    assert.deepEqual(asked, ['name? ']);
    assert.equal(inp.outputs.at(-1)!.content.text, 'hi Ada\n');

    const interrupted = await kernel.client.interrupt();
    assert.equal(interrupted.header.msg_type, 'interrupt_reply');
  } finally {
    await kernel.stop();
  }
  assert.ok(kernel.process.exitCode !== null || kernel.process.signalCode !== null, 'kernel process has exited');
});

test('jupyter_client BlockingKernelClient drives a kernel served by KernelSockets', { skip: noClient }, async () => {
  const fixture = scriptBeside(join(__dirname, 'fixtures'), 'echo-kernel', __filename);
  const kernel = await startKernel({ argv: [process.execPath, ...nodeArgs(fixture), '{connection_file}'], cwd: repoRoot(), readyTimeoutMs: 30_000 });
  try {
    const out = python(
      `
import json, sys
from jupyter_client import BlockingKernelClient
kc = BlockingKernelClient(connection_file=sys.argv[1])
kc.load_connection_file()
kc.start_channels()
kc.wait_for_ready(timeout=20)
outs = []
hook = lambda m: m['header']['msg_type'] == 'stream' and outs.append([m['header']['msg_type'], m['content'].get('text')])
r1 = kc.execute_interactive('hello from python', output_hook=hook, timeout=10)
r2 = kc.execute_interactive('input:who? ', output_hook=hook, stdin_hook=lambda m: kc.input('Grace ' + m['content']['prompt']), allow_stdin=True, timeout=10)
beating = kc.hb_channel.is_beating()
kc.stop_channels()
print(json.dumps({'r1': r1['content']['status'], 'r2': r2['content']['status'], 'outs': outs, 'beating': beating}))
`,
      '',
      [kernel.connectionFile],
    );
    const got = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.equal(got.r1, 'ok');
    assert.equal(got.r2, 'ok');
    assert.deepEqual(got.outs, [['stream', 'hello from python'], ['stream', 'got Grace who? ']]);
    assert.equal(got.beating, true);
  } finally {
    await kernel.stop();
  }
});
