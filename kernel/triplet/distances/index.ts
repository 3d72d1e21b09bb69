export type { DistanceName, DistanceOptions } from './types';
export { DISTANCE_NAMES } from './types';
export { pairwiseDistances } from './pairwise-distances';
export { pairwiseDistancesChunked } from './pairwise-distances-chunked';
export type { ChunkOptions, DistanceBlock } from './pairwise-distances-chunked';
export { l2Normalize } from './l2-normalize';
export { gatherPairs } from './gather-pairs';
export { safeSqrt } from './safe-sqrt';
export { gatherRows } from './gather-rows';
