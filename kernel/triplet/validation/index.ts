export { TripletInputError } from './errors';
export { assertEmbeddings } from './assert-embeddings';
export { assertLabels } from './assert-labels';
export type { LabelsInput } from './assert-labels';
export { assertHasPositives } from './assert-has-positives';
export { assertNonEmpty } from './assert-non-empty';
export { checkMargin } from './check-margin';
