import { createRandom } from '../../../../kernel/triplet/samplers/random';

/** Gaussian clusters: `classes` centres in `dims` dimensions, `perClass` noisy points each (seeded). */
export function gaussianClusters(classes: number, perClass: number, dims: number, spread: number, seed: number): { x: Float32Array; labels: Int32Array } {
  const u = createRandom(seed).next;
  const normal = () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  const centres = Array.from({ length: classes }, () => Array.from({ length: dims }, normal));
  const x = new Float32Array(classes * perClass * dims);
  const labels = new Int32Array(classes * perClass);
  let i = 0;
  for (let c = 0; c < classes; c++) {
    for (let k = 0; k < perClass; k++, i++) {
      labels[i] = c;
      for (let d = 0; d < dims; d++) x[i * dims + d] = centres[c][d] + spread * normal();
    }
  }
  return { x, labels };
}
