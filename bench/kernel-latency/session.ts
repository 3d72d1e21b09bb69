import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../../kernel/paths';
import { KernelClient } from '../../kernel/wire/client';
import { writeConnectionFile } from '../../kernel/wire/connection';
import type { Message } from '../../kernel/wire/messages';
import type { KernelUnderTest } from './kernels';

/** One kernel process and the client driving it, from spawn to its first kernel_info_reply. */
export interface KernelSession {
  client: KernelClient;
  child: ChildProcess;
  /** Seconds from spawn to the first kernel_info_reply. */
  startup_s: number;
  /** performance.now() when the first kernel_info_reply arrived. */
  readyAt: number;
  /** Runs a cell that must succeed; its time from execute_request to reply and idle, and its outputs. */
  run(code: string): Promise<{ ms: number; outputs: Message[] }>;
}

const waitPort = async (port: number, deadline: number) => {
  while (performance.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s: import('node:net').Socket = connect({ port, host: '127.0.0.1' }, () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`kernel did not open its shell port ${port} within the time limit`);
};

/** The outputs of a cell as one text, for matching. */
export const outputText = (outputs: Message[]) => outputs.map((m) => JSON.stringify(m.content)).join('\n');

/**
 * Starts `k`, runs `body` with the session and ends the kernel whatever happens. Start-up is
 * timed from spawn to the first kernel_info_reply: the client connects as soon as the shell port
 * accepts connections (polled every 5 ms), so ZeroMQ's 100 ms reconnect interval does not blur
 * the figure and every kernel is timed the same way. Errors carry the end of the kernel's stderr.
 */
export async function withKernel<T>(k: KernelUnderTest, body: (s: KernelSession) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${k.name}-`));
  const { file, info } = await writeConnectionFile(dir);
  const argv = k.argv.map((a) => a.split('{connection_file}').join(file));
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), { cwd: packageRoot(), env: { ...process.env, ...k.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  let client: KernelClient | undefined;
  try {
    await waitPort(info.shell_port, t0 + 60_000);
    client = await KernelClient.connect(info, { log: () => undefined });
    await client.kernelInfo(60_000);
    const readyAt = performance.now();
    const connected = client;
    const run = async (code: string) => {
      const s = performance.now();
      let r;
      try {
        r = await connected.execute(code, { timeoutMs: 60_000 });
      } catch (err) {
        throw new Error(`${k.name}: cell ${JSON.stringify(code)}: ${(err as Error).message}`);
      }
      const ms = performance.now() - s;
      if ((r.reply.content as { status: string }).status !== 'ok') throw new Error(`${k.name}: cell failed: ${code}: ${outputText(r.outputs).slice(0, 300)}`);
      return { ms, outputs: r.outputs };
    };
    return await body({ client, child, startup_s: (readyAt - t0) / 1000, readyAt, run });
  } catch (err) {
    throw new Error(`${(err as Error).message}${stderr ? `\n  kernel stderr: ${stderr.trim().slice(-800)}` : ''}`);
  } finally {
    await client?.shutdown(false, 2000).catch(() => undefined);
    await client?.close();
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A complete_request at the end of `code`: its time and matches. */
export async function completeAtEnd(client: KernelClient, code: string): Promise<{ ms: number; matches: string[]; source?: string }> {
  const s = performance.now();
  const r = await client.request('shell', 'complete_request', { code, cursor_pos: [...code].length }, { timeoutMs: 60_000 });
  const content = r.content as { matches?: string[]; metadata?: { tripletlab_source?: string } };
  return { ms: performance.now() - s, matches: (content.matches ?? []).map(String), source: content.metadata?.tripletlab_source };
}
