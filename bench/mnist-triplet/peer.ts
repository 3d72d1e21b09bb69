import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../../kernel/triplet/datasets';

export interface PeerResult {
  seconds: number;
  p_at_1: number;
  map_at_r: number;
}

const PYTHON = '/usr/bin/python3';

/**
 * Runs peer.py (PyTorch, same recipe) on exactly our digits, passed as raw little-endian files.
 * Returns null with a reason when Python or PyTorch is missing or the run fails.
 */
export function runPeer(train: Dataset, test: Dataset, steps: number, script: string): { result: PeerResult | null; note?: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return { result: null, note: `PyTorch peer skipped: ${PYTHON} cannot import torch/numpy (apt-get install python3-torch)` };
  const dir = mkdtempSync(join(tmpdir(), 'mnist-triplet-'));
  try {
    for (const [name, d] of [['train', train], ['test', test]] as const) {
      writeFileSync(join(dir, `${name}_x.f32`), Buffer.from(d.x.buffer, d.x.byteOffset, d.x.byteLength));
      writeFileSync(join(dir, `${name}_y.i32`), Buffer.from(d.labels.buffer, d.labels.byteOffset, d.labels.byteLength));
    }
    const run = spawnSync(PYTHON, [script, dir, String(steps)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) return { result: null, note: `PyTorch peer failed: ${run.stderr.trim().split('\n').pop()}` };
    const line = run.stdout.trim().split('\n').pop() ?? '';
    return { result: JSON.parse(line) as PeerResult };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
