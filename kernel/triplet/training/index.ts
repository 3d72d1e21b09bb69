export { fit } from './fit';
export { stop } from './stop';
export { embed } from './embed';
export { denseFastPath } from './dense-fast-path';
export { denseOp, type DenseActivation } from './dense-op';
export { downsample } from './downsample';
export { trainingPayload } from './payload';
export { progressLine } from './reporter';
export type * from './types';
