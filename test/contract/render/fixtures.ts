import { encodeProjection, type ProjectionPayload } from '../../../contract/payloads';
import { createRandom } from '../../../kernel/triplet/samplers/random';


/** `count` points in `classes` Gaussian clusters, like a projected MNIST embedding. */
export function clusteredProjection(count: number, dims: 2 | 3, options: { classes?: number; k?: number; labelNames?: string[]; title?: string } = {}): ProjectionPayload {
  const classes = options.classes ?? 10;
  const r = createRandom(7).next; // seeded: the same fixture on every run
  const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const coords = new Float32Array(count * dims);
  const labels = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const l = i % classes;
    labels[i] = l;
    for (let a = 0; a < dims; a++) coords[i * dims + a] = Math.cos(l * 1.3 + a * 2.1) * 8 + gauss() * 1.4;
  }
  let neighbors: { k: number; indices: number[] } | undefined;
  if (options.k) {
    const k = options.k;
    const indices: number[] = [];
    for (let i = 0; i < count; i++) for (let j = 1; j <= k; j++) indices.push((i + j * classes) % count);
    neighbors = { k, indices };
  }
  return encodeProjection({
    coords, dims, labels, method: 'umap', labelNames: options.labelNames, neighbors, title: options.title,
    params: { nNeighbors: 15, minDist: 0.1 },
  });
}
