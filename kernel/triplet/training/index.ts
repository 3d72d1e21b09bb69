export { fit } from './fit';
export { stop } from './stop';
export { embed } from './embed';
export { assertTrainableOnBackend, LAYER_KERNELS } from './check-kernels';
export { downsample } from './downsample';
export { trainingPayload } from './payload';
export { progressLine } from './reporter';
export type * from './types';
