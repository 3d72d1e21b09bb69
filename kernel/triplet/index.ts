/**
 * The `triplet` library: what notebook cells see as the `triplet` global and what benchmarks
 * import. Every folder is available flat (`triplet.batchHardMiner`) and as a namespace
 * (`triplet.miners.batchHardMiner`).
 */
export * as distances from './distances';
export * as losses from './losses';
export * as reducers from './reducers';
export * as miners from './miners';
export * as samplers from './samplers';
export * as metrics from './metrics';
export * as projections from './projections';
export * as datasets from './datasets';
export * as validation from './validation';
export * as config from './config';
export * as training from './training';

export * from './distances';
export * from './losses';
export * from './reducers';
export * from './miners';
export * from './samplers';
export * from './metrics';
export * from './projections';
export * from './datasets';
// What a cell needs to show a payload itself (display.mime); the rest of the contract between
// kernel, extension and renderer (validators, messages, drawing) is not the notebook's business.
export { DISTANCES_MIME, PROJECTION_MIME, TRAINING_MIME } from '../../contract/payloads';
// Both name a type TripletCategories; flat, it is the payload's { easy, semiHard, hard } counts.
export type { TripletCategories, DistancesPayload, ProjectionPayload, TrainingPayload } from '../../contract/payloads';
export { distancesBundle, projectionBundle, trainingBundle } from './render';
export * from './validation';
export { loadTf, ready, backend, BackendSelectionError, BACKEND_ENV } from './backend';
export type { BackendInfo, BackendName } from './backend';
export { configure, getConfig, resetConfig, resolveConfig, schedule, on, off, miningNames, CONFIG_COMM_TARGET } from './config';
export type { TripletConfig, ConfigureOptions, ResolvedConfig, MarginSchedule, MiningSchedule, TripletEvents, ConfigRequest, ConfigReply, SerialConfig, ConfigPatch } from './config';
export { fit, stop, embed } from './training';
export { imageGrid, svgPanels } from './images';
export type { SvgPanel, SvgPanelsOptions } from './images';
export { fileIO } from './model-io';
export type { FitOptions, FitResult, FitHistory, LabelledData, EmbeddingModel } from './training';
export { watch, unwatch, show } from './watch';
export type { WatchOptions, Probe } from './watch';
