export { pca, pcaTransform } from './pca';
export type { PcaOptions, PcaResult } from './pca';
export { procrustesAlign } from './procrustes';
export type { ProcrustesResult } from './procrustes';
export { nearestNeighbors } from './nearest-neighbors';
export { symmetricEigen } from './symmetric-eigen';
export { project } from './project';
export type { ProjectionMethodName } from './project';
