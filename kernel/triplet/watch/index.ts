export { watch, unwatch } from './watch';
export type { WatchHandle } from './watch';
export { show } from './show';
export type { Probe, Shown } from './show';
export type { WatchOptions } from './options';
export { fingerprint } from './fingerprint';
