export { watch, unwatch } from './watch';
export { show } from './show';
export type { Probe, Shown } from './show';
export type { WatchOptions } from './options';
export { fingerprint } from './fingerprint';
export { pairHistograms } from './pair-histograms';
