import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Channel } from './messages';
import { Signer } from './signing';

/** Contents of a kernel connection file ("Connection files", jupyter_client docs). */
export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

export class ConnectionFileError extends Error {
  constructor(readonly file: string, readonly field: string | null, detail: string) {
    super(`readConnectionFile: ${file}${field ? `: field '${field}'` : ''} ${detail}; a connection file is the JSON object Jupyter writes with transport, ip, the five *_port fields, key and signature_scheme`);
    this.name = 'ConnectionFileError';
  }
}

const PORT_FIELDS = ['shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port'] as const;

const PORT_BY_CHANNEL: Record<Channel, (typeof PORT_FIELDS)[number]> = {
  shell: 'shell_port',
  iopub: 'iopub_port',
  stdin: 'stdin_port',
  control: 'control_port',
  hb: 'hb_port',
};

/** Validates parsed connection-file JSON; `source` names the file in errors. */
export function parseConnectionInfo(value: unknown, source = '<connection info>'): ConnectionInfo {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConnectionFileError(source, null, 'is not a JSON object');
  }
  const v = value as Record<string, unknown>;
  const transport = v.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') {
    throw new ConnectionFileError(source, 'transport', `must be "tcp" or "ipc", got ${JSON.stringify(transport)}`);
  }
  if (typeof v.ip !== 'string' || v.ip === '') {
    throw new ConnectionFileError(source, 'ip', v.ip === undefined ? 'is missing' : `must be a non-empty string, got ${JSON.stringify(v.ip)}`);
  }
  const ports = {} as Record<(typeof PORT_FIELDS)[number], number>;
  for (const field of PORT_FIELDS) {
    const p = v[field];
    if (p === undefined) throw new ConnectionFileError(source, field, 'is missing');
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 65535) {
      throw new ConnectionFileError(source, field, `must be an integer port from 1 to 65535, got ${JSON.stringify(p)}`);
    }
    ports[field] = p;
  }
  if (transport === 'tcp') {
    const seen = new Map<number, string>();
    for (const field of PORT_FIELDS) {
      const other = seen.get(ports[field]);
      if (other) throw new ConnectionFileError(source, field, `uses port ${ports[field]}, already used by '${other}'`);
      seen.set(ports[field], field);
    }
  }
  const key = v.key ?? '';
  if (typeof key !== 'string') throw new ConnectionFileError(source, 'key', `must be a string ('' for unsigned), got ${JSON.stringify(key)}`);
  const scheme = v.signature_scheme ?? 'hmac-sha256';
  if (typeof scheme !== 'string') throw new ConnectionFileError(source, 'signature_scheme', `must be a string such as "hmac-sha256", got ${JSON.stringify(scheme)}`);
  try {
    new Signer('', scheme);
  } catch (err) {
    throw new ConnectionFileError(source, 'signature_scheme', `is not supported (${JSON.stringify(scheme)}); use "hmac-sha256"`);
  }
  if (v.kernel_name !== undefined && typeof v.kernel_name !== 'string') {
    throw new ConnectionFileError(source, 'kernel_name', `must be a string, got ${JSON.stringify(v.kernel_name)}`);
  }
  return {
    transport,
    ip: v.ip,
    ...ports,
    key,
    signature_scheme: scheme,
    ...(v.kernel_name !== undefined ? { kernel_name: v.kernel_name as string } : {}),
  };
}

function parseText(text: string, file: string): ConnectionInfo {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConnectionFileError(file, null, `is not valid JSON (${(err as Error).message})`);
  }
  return parseConnectionInfo(json, file);
}

export async function readConnectionFile(file: string): Promise<ConnectionInfo> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConnectionFileError(file, null, `cannot be read (${(err as Error).message})`);
  }
  return parseText(text, file);
}

export function readConnectionFileSync(file: string): ConnectionInfo {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConnectionFileError(file, null, `cannot be read (${(err as Error).message})`);
  }
  return parseText(text, file);
}

/** ZeroMQ address of a channel: tcp://ip:port, or ipc://ip-port as jupyter_client names IPC files. */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[PORT_BY_CHANNEL[channel]];
  if (info.transport === 'ipc') return `ipc://${info.ip}-${port}`;
  const host = info.ip.includes(':') && !info.ip.startsWith('[') ? `[${info.ip}]` : info.ip;
  return `tcp://${host}:${port}`;
}

/**
 * Ports the OS reports free right now. All five listeners stay open until every port is chosen,
 * so the five are distinct; another process may still take one before the kernel binds it
 * (the same race jupyter_client accepts), which the kernel reports as PortInUseError.
 */
export async function freePorts(count: number, ip = '127.0.0.1'): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        const s = createServer();
        s.once('error', reject);
        s.listen(0, ip, () => resolve(s));
      }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export interface WriteConnectionOptions {
  ip?: string;
  kernelName?: string;
  /** '' writes an unsigned connection; default is a random UUID as jupyter_client generates. */
  key?: string;
}

/** Writes a new connection file (mode 0600, it holds the key) with free TCP ports; returns its path and contents. */
export async function writeConnectionFile(dir: string, options: WriteConnectionOptions = {}): Promise<{ file: string; info: ConnectionInfo }> {
  const ip = options.ip ?? '127.0.0.1';
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = await freePorts(5, ip);
  const info: ConnectionInfo = {
    transport: 'tcp',
    ip,
    shell_port,
    iopub_port,
    stdin_port,
    control_port,
    hb_port,
    key: options.key ?? randomUUID(),
    signature_scheme: 'hmac-sha256',
    ...(options.kernelName !== undefined ? { kernel_name: options.kernelName } : {}),
  };
  const file = join(dir, `kernel-${randomUUID()}.json`);
  await writeFile(file, JSON.stringify(info, null, 1), { mode: 0o600 });
  await chmod(file, 0o600);
  return { file, info };
}
