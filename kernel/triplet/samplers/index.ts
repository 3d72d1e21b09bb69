export { createRandom } from './random';
export type { Random } from './random';
export { pkSampler } from './pk-sampler';
export type { PKSamplerOptions } from './pk-sampler';
export { subspaceSampler } from './subspace-sampler';
export type { SubspaceSamplerOptions } from './subspace-sampler';
export { classIndex, drawFromClass } from './class-index';
export * from './subspaces';
