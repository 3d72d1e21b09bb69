import { spawn } from 'node:child_process';
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
import { treeRssMb } from './process-tree';
import { median } from './stats';

export interface Sizes {
  trivial: number;
  declarations: number;
  completions: number;
  soak: number;
}

export interface KernelFigures {
  startup_s: number;
  first_cell_ms: number;
  trivial_ms: number;
  trivial_distinct_ms: number;
  decl_ms: number;
  decl_first20_ms: number;
  decl_last20_ms: number;
  complete_ms: number;
  complete_matches: number;
  rss_mb: number | null;
  rss_before_soak_mb: number | null;
  rss_after_soak_mb: number | null;
  type_checks: boolean;
}

const waitPort = async (port: number, deadline: number) => {
  while (performance.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s: import("node:net").Socket = connect({ port, host: "127.0.0.1" }, () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`kernel did not open its shell port ${port} within the time limit`);
};

const text = (outputs: Message[]) => outputs.map((m) => JSON.stringify(m.content)).join('\n');

/**
 * Start-up is timed from spawn to the first kernel_info_reply: the client connects as soon as
 * the shell port accepts connections (polled every 5 ms), so ZeroMQ's 100 ms reconnect interval
 * does not blur the figure and every kernel is timed the same way.
 */
export async function measureKernel(k: KernelUnderTest, n: Sizes, log: (s: string) => void): Promise<KernelFigures> {
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
    const startup = (performance.now() - t0) / 1000;
    await client.waitForReady(30_000);

    const run = async (code: string) => {
      const s = performance.now();
      let r;
      try {
        r = await client!.execute(code, { timeoutMs: 60_000 });
      } catch (err) {
        throw new Error(`${k.name}: cell ${JSON.stringify(code)}: ${(err as Error).message}`);
      }
      const ms = performance.now() - s;
      if ((r.reply.content as { status: string }).status !== 'ok') throw new Error(`${k.name}: cell failed: ${code}: ${text(r.outputs).slice(0, 300)}`);
      return { ms, outputs: r.outputs };
    };

    const first = (await run(k.trivial)).ms;
    const rss = treeRssMb(child.pid!);
    // Steady state: tripletlab loads its type checker on a thread of its own after the first cell,
    // which competes for the CPU while it loads; timed cells start once it reports.
    if (k.warmTypecheck) {
      const until = performance.now() + 30_000;
      for (;;) {
        const r = await client.execute(k.warmTypecheck.code, { timeoutMs: 60_000 });
        if (k.warmTypecheck.expect.test(text(r.outputs))) break;
        if (performance.now() > until) throw new Error(`${k.name}: the type checker did not report on a wrong cell within 30 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const trivial: number[] = [];
    for (let i = 0; i < n.trivial; i++) trivial.push((await run(k.trivial)).ms);
    // The same kind of cell with a different text each time (no repeated-cell caching can help).
    const distinct: number[] = [];
    for (let i = 0; i < n.trivial; i++) distinct.push((await run(k.trivialDistinct(i))).ms);

    const decl: number[] = [];
    for (let i = 0; i < n.declarations; i++) decl.push((await run(k.declaration(i))).ms);

    await run(k.setup);
    const complete: number[] = [];
    let matches = 0;
    for (let i = 0; i < n.completions; i++) {
      const s = performance.now();
      const r = await client.request('shell', 'complete_request', { code: k.complete, cursor_pos: k.complete.length }, { timeoutMs: 60_000 });
      complete.push(performance.now() - s);
      matches = ((r.content as { matches?: unknown[] }).matches ?? []).length;
    }

    // Flatness over the soak is judged from its own start: by then the type checker has loaded.
    const rssSoakStart = n.soak > 0 ? treeRssMb(child.pid!) : null;
    for (let i = 0; i < n.soak; i++) await run(k.trivial);
    const rssSoak = n.soak > 0 ? treeRssMb(child.pid!) : null;
    log(`${k.name}: done`);
    return {
      startup_s: startup,
      first_cell_ms: first,
      trivial_ms: median(trivial),
      trivial_distinct_ms: median(distinct),
      decl_ms: median(decl),
      decl_first20_ms: median(decl.slice(0, 20)),
      decl_last20_ms: median(decl.slice(-20)),
      complete_ms: median(complete),
      complete_matches: matches,
      rss_mb: rss,
      rss_before_soak_mb: rssSoakStart,
      rss_after_soak_mb: rssSoak,
      type_checks: k.typeChecks,
    };
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
