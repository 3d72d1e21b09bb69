import type { ConfigSource } from '../../../contract/comms/config-messages';
import { activeSession } from '../session';
import type { ConfigureOptions, TrainingPosition, TripletConfig } from './types';

export { defaultConfig } from './config-store';

// `triplet.configure` and friends: the configuration of the session the library runs in
// (session.ts; the kernel's in a notebook). The store itself is config-store.ts.

/** The configuration now in effect (a copy: change it with `configure`). */
export function getConfig(): TripletConfig {
  return activeSession().config.get();
}

/** Validates then merges `options` into the current configuration and tells every listener. */
export function applyConfig(options: ConfigureOptions, source: ConfigSource, fn?: string): TripletConfig {
  return activeSession().config.apply(options, source, fn);
}

/** `triplet.configure({ margin, mining, distance, softMargin, normalize, watch })`. */
export function configure(options: ConfigureOptions): TripletConfig {
  return applyConfig(options, 'code');
}

/** Back to the defaults (`triplet.configure.reset()`), announced like any change. */
export function resetConfig(source: ConfigSource = 'code'): TripletConfig {
  return activeSession().config.reset(source);
}

/** Where training is (ConfigStore.setPosition); `fit` sets it before each step. */
export function setPosition(step: number, epoch: number): void {
  activeSession().config.setPosition(step, epoch);
}

export function getPosition(): TrainingPosition {
  return activeSession().config.getPosition();
}
