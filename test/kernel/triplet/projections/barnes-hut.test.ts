import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpaceTree } from '../../../../kernel/triplet/projections/barnes-hut';
import { createRandom } from '../../../../kernel/triplet/samplers/random';

/** Every pair summed: Σⱼ qᵢⱼ² (yᵢ − yⱼ) per point and Z = Σᵢ Σⱼ≠ᵢ qᵢⱼ, qᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²). */
function bruteForce(y: Float32Array, n: number, dims: number): { forces: Float64Array; z: number } {
  const forces = new Float64Array(n * dims);
  let z = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let d2 = 0;
      for (let c = 0; c < dims; c++) d2 += (y[i * dims + c] - y[j * dims + c]) ** 2;
      const q = 1 / (1 + d2);
      z += q;
      for (let c = 0; c < dims; c++) forces[i * dims + c] += q * q * (y[i * dims + c] - y[j * dims + c]);
    }
  }
  return { forces, z };
}

/** Clumps of points at several scales, plus exact duplicates (which share a leaf). */
function points(n: number, dims: number, seed: number): Float32Array {
  const rnd = createRandom(seed);
  const y = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    const clump = i % 5;
    for (let c = 0; c < dims; c++) y[i * dims + c] = clump * 7 * (c + 1) + (rnd.next() - 0.5) * (clump === 4 ? 0.01 : 3);
  }
  for (let c = 0; c < dims; c++) y[(n - 1) * dims + c] = y[(n - 2) * dims + c];
  return y;
}

function largestError(a: Float64Array, b: Float64Array): number {
  let scale = 0;
  let worst = 0;
  for (let t = 0; t < a.length; t++) {
    scale = Math.max(scale, Math.abs(b[t]));
    worst = Math.max(worst, Math.abs(a[t] - b[t]));
  }
  return worst / scale;
}

for (const dims of [2, 3] as const) {
  test(`SpaceTree (${dims}-d): θ = 0 sums every pair exactly; θ = 0.5 stays within 3% of the largest force and 1% of Z; reused across builds`, () => {
    const tree = new SpaceTree(dims);
    for (const [n, seed] of [[300, 1], [157, 2]]) {
      const y = points(n, dims, seed);
      const exact = bruteForce(y, n, dims);
      const forces = new Float64Array(n * dims);
      tree.build(y, n);
      const z = tree.repulsion(y, n, 0, forces);
      assert.ok(Math.abs(z - exact.z) <= 1e-9 * exact.z, `Z ${z} against ${exact.z}`);
      assert.ok(largestError(forces, exact.forces) < 1e-9);
      const zApprox = tree.repulsion(y, n, 0.25, forces);
      assert.ok(Math.abs(zApprox - exact.z) < 0.01 * exact.z, `Z ${zApprox} against ${exact.z}`);
      assert.ok(largestError(forces, exact.forces) < 0.03, `force error ${largestError(forces, exact.forces)}`);
    }
  });
}
