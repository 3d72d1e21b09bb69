export { mean } from './mean';
export { meanNonZero } from './mean-non-zero';
export { sum } from './sum';
export { getReducer } from './get-reducer';
export type { Reducer, ReducerName } from './get-reducer';
export { noGradient } from './no-gradient';
