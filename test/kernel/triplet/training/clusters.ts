import { gaussianClusters as libraryClusters } from '../../../../kernel/triplet/datasets';

/**
 * The library's `triplet.datasets.gaussianClusters` (shuffled, seeded), called with the positional
 * arguments these tests use: `classes` centres in `dims` dimensions, `perClass` points each.
 */
export function gaussianClusters(classes: number, perClass: number, dims: number, spread: number, seed: number): { x: Float32Array; labels: Int32Array } {
  const d = libraryClusters({ classes, perClass, dims, spread, seed });
  return { x: d.x, labels: d.labels };
}
