/**
 * Kernel latency side by side: tripletlab against tslab, Deno and ipykernel (each when installed),
 * driven by the same client in one run. `--quick` (run by npm test) measures tripletlab alone with
 * few cells so the benchmark keeps working; the full run prints ratios (peer / tripletlab).
 * Final stdout line: JSON with startup_s, first_cell_ms, trivial_ms, decl_ms, complete_ms per kernel.
 */
import { kernelsUnderTest } from './kernels';
import { KernelFigures, measureKernel, Sizes } from './measure';
import { round } from './stats';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--kernels='))?.slice('--kernels='.length).split(',');
  const sizes: Sizes = quick ? { trivial: 20, declarations: 20, completions: 5, soak: 0 } : { trivial: 200, declarations: 200, completions: 30, soak: 1000 };
  const results: Record<string, Record<string, unknown>> = {};
  for (const k of kernelsUnderTest()) {
    if (quick && k.name !== 'tripletlab') continue;
    if (only && !only.includes(k.name)) continue;
    if (k.missing) {
      results[k.name] = { skipped: k.missing };
      process.stderr.write(`${k.name}: skipped (${k.missing})\n`);
      continue;
    }
    process.stderr.write(`${k.name}: measuring...\n`);
    try {
      const own = k.maxCells ? capSizes(sizes, k.maxCells.total) : sizes;
      const f = await measureKernel(k, own, (s) => process.stderr.write(s + '\n'));
      results[k.name] = { ...format(f), ...(k.maxCells ? { cells: own, capped: k.maxCells.why } : {}) };
    } catch (err) {
      results[k.name] = { error: (err as Error).message };
      process.stderr.write(`${k.name}: ${(err as Error).message}\n`);
      if (k.name === 'tripletlab') process.exitCode = 1;
    }
  }
  const ours = results.tripletlab as Record<string, number> | undefined;
  const ratios: Record<string, Record<string, number | null>> = {};
  for (const [name, r] of Object.entries(results)) {
    if (name === 'tripletlab' || !ours || 'error' in r || 'skipped' in r) continue;
    ratios[name] = {};
    for (const key of ['startup_s', 'first_cell_ms', 'trivial_ms', 'trivial_distinct_ms', 'decl_ms', 'complete_ms', 'rss_mb']) {
      const a = (r as Record<string, number>)[key];
      ratios[name][key] = typeof a === 'number' && ours[key] ? round(a / ours[key], 2) : null;
    }
  }
  printTable(results);
  process.stdout.write(JSON.stringify({ benchmark: 'kernel-latency', quick, sizes, kernels: results, peer_over_tripletlab: ratios }) + '\n');
}

/** Shrinks every count in proportion so that all cells together stay under `total`. */
function capSizes(s: Sizes, total: number): Sizes {
  const all = s.trivial * 2 + s.declarations + s.soak + 3;
  if (all <= total) return s;
  const f = (total - 3) / (all - s.soak);
  return { trivial: Math.max(5, Math.floor(s.trivial * f)), declarations: Math.max(5, Math.floor(s.declarations * f)), completions: s.completions, soak: 0 };
}

function format(f: KernelFigures): Record<string, unknown> {
  return {
    startup_s: round(f.startup_s, 3),
    first_cell_ms: round(f.first_cell_ms),
    trivial_ms: round(f.trivial_ms),
    trivial_distinct_ms: round(f.trivial_distinct_ms),
    decl_ms: round(f.decl_ms),
    decl_first20_ms: round(f.decl_first20_ms),
    decl_last20_ms: round(f.decl_last20_ms),
    complete_ms: round(f.complete_ms),
    complete_matches: f.complete_matches,
    rss_mb: round(f.rss_mb, 1),
    rss_before_soak_mb: round(f.rss_before_soak_mb, 1),
    rss_after_soak_mb: round(f.rss_after_soak_mb, 1),
    type_checks: f.type_checks,
  };
}

function printTable(results: Record<string, Record<string, unknown>>): void {
  const cols = ['startup_s', 'first_cell_ms', 'trivial_ms', 'trivial_distinct_ms', 'decl_ms', 'decl_first20_ms', 'decl_last20_ms', 'complete_ms', 'rss_mb', 'rss_before_soak_mb', 'rss_after_soak_mb'];
  process.stderr.write(`\n${'kernel'.padEnd(12)}${cols.map((c) => c.padStart(14)).join('')}\n`);
  for (const [name, r] of Object.entries(results)) {
    const cells = cols.map((c) => String(r[c] ?? (r.error ? 'error' : r.skipped ? 'skipped' : '-')).padStart(14));
    process.stderr.write(`${name.padEnd(12)}${cells.join('')}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench kernel-latency: ${(err as Error).stack}\n`);
  process.exit(1);
});
