import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KernelClient, KernelClientOptions } from './client';
import { ConnectionInfo, writeConnectionFile } from './connection';
import { KernelExitedError } from './errors';
import { DEFAULT_HEARTBEAT_WATCH, watchHeartbeat, type HeartbeatWatchOptions } from './heartbeat-watch';
import type { KernelExit } from './kernel-exit';

export interface StartKernelOptions {
  /** Command line as in kernel.json; `{connection_file}` is replaced by the file's path. */
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  /** Receives the kernel's stdout and stderr; by default they are kept only for error reports. */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  client?: KernelClientOptions;
  /** When the kernel counts as hung (and is killed); `false` turns the watch off. */
  heartbeat?: HeartbeatWatchOptions | false;
}

export interface RunningKernel {
  client: KernelClient;
  process: ChildProcess;
  connectionFile: string;
  info: ConnectionInfo;
  /**
   * Resolves when the kernel process ends, for whatever reason, including being killed because
   * it stopped answering its heartbeat (a stopped or wedged process never exits by itself).
   */
  exited: Promise<KernelExit>;
  /** Asks the kernel to shut down, kills it if it does not exit, and removes the connection file. */
  stop(): Promise<void>;
}

const TAIL_CHARS = 4000;

/** Starts a kernel process the way a Jupyter frontend does and connects a ready client to it. */
export async function startKernel(options: StartKernelOptions): Promise<RunningKernel> {
  if (!Array.isArray(options.argv) || options.argv.length === 0 || !options.argv.every((a) => typeof a === 'string')) {
    throw new TypeError(`startKernel: argument 'argv' must be a non-empty array of strings such as ['node', 'kernel.js', '{connection_file}']`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'tripletlab-kernel-'));
  const { file, info } = await writeConnectionFile(dir);
  const argv = options.argv.map((a) => a.split('{connection_file}').join(file));
  // As Jupyter clients do: the kernel watches this process and ends when it does; it may then
  // remove the folder made here, which nobody else would.
  const env = { ...(options.env ?? process.env), JPY_PARENT_PID: String(process.pid), TRIPLETLAB_KERNEL_DIR: dir };
  const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });

  let tail = '';
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]!.setEncoding('utf8');
    child[stream]!.on('data', (text: string) => {
      tail = (tail + text).slice(-TAIL_CHARS);
      options.onOutput?.(stream, text);
    });
  }
  let silentMs: number | undefined;
  const exited = new Promise<KernelExit>((resolve) => {
    child.once('exit', (code, signal) => resolve(silentMs === undefined ? { code, signal } : { code, signal, silentMs }));
    child.once('error', (err) => {
      tail += `\n${err.message}`;
      resolve({ code: null, signal: null });
    });
  });

  const client = await KernelClient.connect(info, options.client);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      await client.shutdown(false, 2_000).catch(() => undefined);
      const done = await Promise.race([exited.then(() => true), delay(3_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await client.close();
    await rm(dir, { recursive: true, force: true });
  };

  const ready = client.waitForReady(options.readyTimeoutMs ?? 30_000);
  const outcome = await Promise.race([
    ready.then(() => null, (err: Error) => err),
    exited.then(({ code, signal }) => new KernelExitedError(code, signal, tail.trim())),
  ]);
  if (outcome) {
    ready.catch(() => undefined);
    await stop();
    throw outcome;
  }
  if (options.heartbeat !== false) {
    const stopWatching = watchHeartbeat(
      (ms) => client.heartbeat(ms),
      (ms) => {
        silentMs = ms;
        child.kill('SIGKILL');
      },
      options.heartbeat ?? DEFAULT_HEARTBEAT_WATCH,
    );
    void exited.then(stopWatching);
  }
  return { client, process: child, connectionFile: file, info, exited, stop };
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
