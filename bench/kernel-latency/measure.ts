import { performance } from 'node:perf_hooks';
import type { KernelUnderTest } from './kernels';
import { treeRssMb } from './process-tree';
import { completeAtEnd, outputText, withKernel } from './session';
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

/** Latency and memory of a kernel's steady state, in one session (see session.ts for start-up). */
export async function measureKernel(k: KernelUnderTest, n: Sizes, log: (s: string) => void): Promise<KernelFigures> {
  return withKernel(k, async ({ client, child, startup_s, run }) => {
    await client.waitForReady(30_000);
    const first = (await run(k.trivial)).ms;
    const rss = treeRssMb(child.pid!);
    // Steady state: tripletlab loads its type checker on a thread of its own after the first cell,
    // which competes for the CPU while it loads; timed cells start once it reports.
    if (k.warmTypecheck) {
      const until = performance.now() + 30_000;
      for (;;) {
        const r = await client.execute(k.warmTypecheck.code, { timeoutMs: 60_000 });
        if (k.warmTypecheck.expect.test(outputText(r.outputs))) break;
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
      const c = await completeAtEnd(client, k.complete);
      complete.push(c.ms);
      matches = c.matches.length;
    }

    // Flatness over the soak is judged from its own start: by then the type checker has loaded.
    const rssSoakStart = n.soak > 0 ? treeRssMb(child.pid!) : null;
    for (let i = 0; i < n.soak; i++) await run(k.trivial);
    const rssSoak = n.soak > 0 ? treeRssMb(child.pid!) : null;
    log(`${k.name}: done`);
    return {
      startup_s,
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
  });
}
