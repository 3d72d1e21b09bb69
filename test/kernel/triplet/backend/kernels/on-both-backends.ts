import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';

/** A deterministic pseudo-random float32 array in [-1, 1) (mulberry32). */
export function randomValues(size: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 * 2 - 1;
  }
  return out;
}

/** Runs `fn` on the wasm backend and on the cpu backend; returns each output's values from both. */
export async function onBothBackends(fn: () => tf.Tensor[]): Promise<{ wasm: Float32Array[]; cpu: Float32Array[] }> {
  const run = async (name: string) => {
    await tf.setBackend(name);
    return tf.tidy(() => fn()).map((t) => {
      const v = Float32Array.from(t.dataSync());
      t.dispose();
      return v;
    });
  };
  try {
    return { wasm: await run('wasm'), cpu: await run('cpu') };
  } finally {
    await tf.setBackend('wasm');
  }
}

/** |a − b| ≤ tol · (1 + max |b|) element-wise: float32 sums of many terms, judged on their scale. */
export function assertClose(a: Float32Array, b: Float32Array, tol: number, what: string): void {
  assert.equal(a.length, b.length, `${what}: ${a.length} values on wasm, ${b.length} on cpu`);
  let scale = 0;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]);
    if (!(e <= worst)) { worst = e; at = i; }
  }
  assert.ok(worst <= tol * (1 + scale), `${what}: wasm and cpu differ by ${worst} at ${at} (${a[at]} vs ${b[at]}), scale ${scale}`);
}
