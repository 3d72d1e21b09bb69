import { emit } from './events';
import type { ConfigSource } from './messages';
import { serialConfig } from './serial';
import type { ConfigureOptions, TrainingPosition, TripletConfig } from './types';
import { validateOptions } from './validate';

/** Defaults follow Hermans et al. 2017 (batch-hard, euclidean) with FaceNet's normalised embeddings and margin 0.2. */
export function defaultConfig(): TripletConfig {
  return { margin: 0.2, mining: 'batch-hard', distance: 'euclidean', softMargin: false, normalize: true, watch: true };
}

let current: TripletConfig = defaultConfig();
let position: TrainingPosition = { step: 0, epoch: 0 };

/** The configuration now in effect (a copy: change it with `configure`). */
export function getConfig(): TripletConfig {
  return { ...current };
}

/** Validates then merges `options` into the current configuration and tells every listener. */
export function applyConfig(options: ConfigureOptions, source: ConfigSource, fn?: string): TripletConfig {
  const checked = validateOptions(options, fn);
  const next = { ...current };
  for (const [k, v] of Object.entries(checked)) {
    if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
  }
  current = next;
  emit('config', { config: serialConfig(current, position), source });
  return getConfig();
}

/** `triplet.configure({ margin, mining, distance, softMargin, normalize, watch })`. */
export function configure(options: ConfigureOptions): TripletConfig {
  return applyConfig(options, 'code');
}

/** Back to the defaults (tests and `triplet.configure.reset()`), announced like any change. */
export function resetConfig(source: ConfigSource = 'code'): TripletConfig {
  current = defaultConfig();
  position = { step: 0, epoch: 0 };
  emit('config', { config: serialConfig(current, position), source });
  return getConfig();
}

/** Where training is; schedules shown to the editor are evaluated here. Set by `fit`. */
export function setPosition(step: number, epoch: number): void {
  position = { step, epoch };
}

export function getPosition(): TrainingPosition {
  return { ...position };
}
