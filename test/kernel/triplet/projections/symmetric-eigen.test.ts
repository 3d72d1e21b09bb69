import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetricEigen } from '../../../../kernel/triplet/projections';

function randomSymmetric(n: number, seed: number): Float64Array {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rnd();
  return a;
}

for (const n of [1, 2, 3, 7, 40]) {
  test(`symmetricEigen: A v = λ v, orthonormal vectors, descending values (n=${n})`, () => {
    const a = randomSymmetric(n, n + 1);
    const { values, vectors } = symmetricEigen(a, n);
    for (let r = 0; r < n; r++) {
      if (r > 0) assert.ok(values[r - 1] >= values[r]);
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += a[i * n + k] * vectors[r * n + k];
        assert.ok(Math.abs(av - values[r] * vectors[r * n + i]) < 1e-12, `residual row ${r}`);
      }
      for (let q = 0; q < n; q++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += vectors[r * n + k] * vectors[q * n + k];
        assert.ok(Math.abs(dot - (r === q ? 1 : 0)) < 1e-12);
      }
    }
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    assert.ok(Math.abs(values.reduce((x, y) => x + y, 0) - trace) < 1e-12, 'eigenvalues sum to the trace');
  });
}

test('symmetricEigen on a diagonal matrix with repeated values', () => {
  const { values } = symmetricEigen(Float64Array.from([2, 0, 0, 0, 5, 0, 0, 0, 2]), 3);
  assert.deepEqual(Array.from(values), [5, 2, 2]);
});
