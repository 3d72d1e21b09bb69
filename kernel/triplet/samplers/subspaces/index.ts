export { classCentres, CentreSums } from './class-centres';
export type { ClassCentres } from './class-centres';
export { kMeans } from './k-means';
export type { KMeansOptions, KMeansResult } from './k-means';
export { buildSubspaces } from './build-subspaces';
export type { BuildSubspacesOptions, Subspaces, SubspaceSource } from './build-subspaces';
