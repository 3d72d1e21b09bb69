import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../kernel/paths';
import type { Dataset } from '../../kernel/triplet/datasets';

const PYTHON = '/usr/bin/python3';

/** A benchmark's Python peer in the source tree (compiled benchmarks run from out/bench/, the .py files stay in bench/). */
export function peerScript(bench: string, file = 'peer.py'): string {
  return join(packageRoot(), 'bench', bench, file);
}

/**
 * Runs a PyTorch peer script on exactly our digits: each dataset is written to a temp folder as
 * `<name>_x.f32` / `<name>_y.i32` (raw little-endian float32 / int32), the folder is the script's
 * first argument and `args` follow. The script's last stdout line is its JSON result.
 * Returns null with a reason when Python or PyTorch is missing or the run fails.
 */
export function runPeer<T>(script: string, datasets: Record<string, Dataset>, args: string[]): { result: T | null; note?: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return { result: null, note: `PyTorch peer skipped: ${PYTHON} cannot import torch/numpy (apt-get install python3-torch)` };
  const dir = mkdtempSync(join(tmpdir(), 'tripletlab-peer-'));
  try {
    for (const [name, d] of Object.entries(datasets)) {
      writeFileSync(join(dir, `${name}_x.f32`), Buffer.from(d.x.buffer, d.x.byteOffset, d.x.byteLength));
      writeFileSync(join(dir, `${name}_y.i32`), Buffer.from(d.labels.buffer, d.labels.byteOffset, d.labels.byteLength));
    }
    const run = spawnSync(PYTHON, [script, dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) return { result: null, note: `PyTorch peer failed: ${(run.stderr || String(run.signal ?? run.error)).trim().split('\n').pop()}` };
    const line = run.stdout.trim().split('\n').pop() ?? '';
    return { result: JSON.parse(line) as T };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
