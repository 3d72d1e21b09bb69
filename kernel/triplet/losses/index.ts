export type { TripletLossOptions } from './types';
export { batchHardTripletLoss } from './batch-hard-triplet-loss';
