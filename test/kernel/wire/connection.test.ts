import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConnectionFileError,
  endpoint,
  parseConnectionInfo,
  readConnectionFile,
  writeConnectionFile,
} from '../../../kernel/wire/connection';

const GOOD = {
  transport: 'tcp',
  ip: '127.0.0.1',
  shell_port: 50001,
  iopub_port: 50002,
  stdin_port: 50003,
  control_port: 50004,
  hb_port: 50005,
  key: 'abc',
  signature_scheme: 'hmac-sha256',
  kernel_name: 'tripletlab',
};

test('a valid connection file parses to ConnectionInfo', () => {
  assert.deepEqual(parseConnectionInfo(GOOD), GOOD);
  const { kernel_name: _omit, transport: _t, ...minimal } = GOOD;
  assert.deepEqual(parseConnectionInfo(minimal), { ...minimal, transport: 'tcp' });
});

test('each invalid field is reported by name', () => {
  const table: Array<[string, Record<string, unknown>, string | null]> = [
    ['bad transport', { ...GOOD, transport: 'udp' }, 'transport'],
    ['missing ip', { ...GOOD, ip: undefined }, 'ip'],
    ['empty ip', { ...GOOD, ip: '' }, 'ip'],
    ['missing shell_port', { ...GOOD, shell_port: undefined }, 'shell_port'],
    ['string port', { ...GOOD, iopub_port: '50002' }, 'iopub_port'],
    ['port out of range', { ...GOOD, stdin_port: 70000 }, 'stdin_port'],
    ['port zero', { ...GOOD, control_port: 0 }, 'control_port'],
    ['fractional port', { ...GOOD, hb_port: 1.5 }, 'hb_port'],
    ['duplicate port', { ...GOOD, hb_port: 50001 }, 'hb_port'],
    ['numeric key', { ...GOOD, key: 42 }, 'key'],
    ['unknown scheme', { ...GOOD, signature_scheme: 'hmac-md5' }, 'signature_scheme'],
    ['kernel_name not a string', { ...GOOD, kernel_name: 3 }, 'kernel_name'],
  ];
  for (const [name, value, field] of table) {
    assert.throws(
      () => parseConnectionInfo(JSON.parse(JSON.stringify(value)), '/tmp/k.json'),
      (e: unknown) => e instanceof ConnectionFileError && e.field === field && e.message.includes('/tmp/k.json') && e.message.includes(`'${field}'`),
      name,
    );
  }
  for (const notObject of [null, [], 'x', 3]) {
    assert.throws(() => parseConnectionInfo(notObject, 'f'), (e: unknown) => e instanceof ConnectionFileError && e.field === null);
  }
});

test('reading reports unreadable files and invalid JSON with the file name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wire-conn-'));
  try {
    const missing = join(dir, 'missing.json');
    await assert.rejects(readConnectionFile(missing), (e: unknown) => e instanceof ConnectionFileError && e.message.includes(missing) && /cannot be read/.test(e.message));
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"ip": ');
    await assert.rejects(readConnectionFile(broken), (e: unknown) => e instanceof ConnectionFileError && e.message.includes(broken) && /not valid JSON/.test(e.message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('endpoints for tcp, IPv6 and ipc transports', () => {
  const info = parseConnectionInfo(GOOD);
  assert.equal(endpoint(info, 'shell'), 'tcp://127.0.0.1:50001');
  assert.equal(endpoint(info, 'iopub'), 'tcp://127.0.0.1:50002');
  assert.equal(endpoint(info, 'stdin'), 'tcp://127.0.0.1:50003');
  assert.equal(endpoint(info, 'control'), 'tcp://127.0.0.1:50004');
  assert.equal(endpoint(info, 'hb'), 'tcp://127.0.0.1:50005');
  assert.equal(endpoint({ ...info, ip: '::1' }, 'hb'), 'tcp://[::1]:50005');
  assert.equal(endpoint({ ...info, transport: 'ipc', ip: '/tmp/kernel-x' }, 'control'), 'ipc:///tmp/kernel-x-50004');
});

test('writeConnectionFile writes a private, valid file with five distinct ports and a key', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wire-conn-'));
  try {
    const { file, info } = await writeConnectionFile(dir, { kernelName: 'tripletlab' });
    assert.deepEqual(await readConnectionFile(file), info);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.ok(info.key.length >= 32);
    const ports = [info.shell_port, info.iopub_port, info.stdin_port, info.control_port, info.hb_port];
    assert.equal(new Set(ports).size, 5);
    const other = await writeConnectionFile(dir);
    assert.notEqual(other.info.key, info.key);
    assert.notEqual(other.file, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
