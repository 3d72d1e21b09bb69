/**
 * Kernel latency side by side: tripletlab against tslab, Deno and ipykernel (each when installed),
 * driven by the same client in one run. `--quick` (run by npm test) measures tripletlab alone with
 * few cells so the benchmark keeps working; the full run prints ratios (peer / tripletlab).
 * Final stdout line: JSON with startup_s, first_cell_ms, trivial_ms, decl_ms, complete_ms per kernel
 * under `kernels`, and the editor session's figures side by side (first_complete_ms,
 * checked_from_first, tensor_complete_ms, rss_with_checker_mb: one value per kernel, null where a
 * kernel lacks the feature or was skipped).
 */
import { printFinalLine } from '../final-line';
import { EditorFigures, measureEditor } from './editor-session';
import { kernelsUnderTest } from './kernels';
import { KernelFigures, measureKernel, Sizes } from './measure';
import { round } from './stats';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--kernels='))?.slice('--kernels='.length).split(',');
  const sizes: Sizes = quick ? { trivial: 20, declarations: 20, completions: 5, soak: 0 } : { trivial: 200, declarations: 200, completions: 30, soak: 1000 };
  const results: Record<string, Record<string, unknown>> = {};
  const editor: Record<string, EditorFigures> = {};
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
      if (k.editor) {
        process.stderr.write(`${k.name}: editor session...\n`);
        editor[k.name] = roundEditor(await measureEditor(k, k.editor, sizes.completions));
        Object.assign(results[k.name], editor[k.name]);
      }
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
    for (const key of ['startup_s', 'first_cell_ms', 'trivial_ms', 'trivial_distinct_ms', 'decl_ms', 'complete_ms', 'rss_mb', 'first_complete_ms', 'tensor_complete_ms', 'typed_complete_ms', 'rss_with_checker_mb']) {
      const a = (r as Record<string, number>)[key];
      ratios[name][key] = typeof a === 'number' && ours[key] ? round(a / ours[key], 2) : null;
    }
  }
  printTable(results);
  const sideBySide = (key: keyof EditorFigures) => Object.fromEntries(Object.keys(results).map((name) => [name, editor[name]?.[key] ?? null]));
  printFinalLine(
    {
      benchmark: 'kernel-latency',
      quick,
      sizes,
      kernels: results,
      peer_over_tripletlab: ratios,
      first_complete_ms: sideBySide('first_complete_ms'),
      checked_from_first: sideBySide('checked_from_first'),
      tensor_complete_ms: sideBySide('tensor_complete_ms'),
      typed_complete_ms: sideBySide('typed_complete_ms'),
      rss_with_checker_mb: sideBySide('rss_with_checker_mb'),
    },
    ['benchmark', 'quick', 'sizes', 'kernels', 'peer_over_tripletlab', 'first_complete_ms', 'checked_from_first', 'tensor_complete_ms', 'typed_complete_ms', 'rss_with_checker_mb'],
  );
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

function roundEditor(e: EditorFigures): EditorFigures {
  return { ...e, first_complete_ms: round(e.first_complete_ms)!, tensor_complete_ms: round(e.tensor_complete_ms)!, typed_complete_ms: round(e.typed_complete_ms)!, rss_with_checker_mb: round(e.rss_with_checker_mb, 1) };
}

function printTable(results: Record<string, Record<string, unknown>>): void {
  const cols = ['startup_s', 'first_cell_ms', 'trivial_ms', 'trivial_distinct_ms', 'decl_ms', 'decl_first20_ms', 'decl_last20_ms', 'complete_ms', 'rss_mb', 'rss_before_soak_mb', 'rss_after_soak_mb',
    'first_complete_ms', 'checked_from_first', 'tensor_complete_ms', 'typed_complete_ms', 'rss_with_checker_mb'];
  process.stderr.write(`\n${'kernel'.padEnd(12)}${cols.map((c) => c.padStart(Math.max(14, c.length + 1))).join('')}\n`);
  for (const [name, r] of Object.entries(results)) {
    const cells = cols.map((c) => String(r[c] ?? (r.error ? 'error' : r.skipped ? 'skipped' : '-')).padStart(Math.max(14, c.length + 1)));
    process.stderr.write(`${name.padEnd(12)}${cells.join('')}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench kernel-latency: ${(err as Error).stack}\n`);
  process.exit(1);
});
