import { emit } from './events';
import type { ConfigSource } from '../../../contract/comms/config-messages';
import { serialConfig } from './serial';
import type { ConfigureOptions, TrainingPosition, TripletConfig } from './types';
import { validateOptions } from './validate';

/** Defaults follow Hermans et al. 2017 (batch-hard, euclidean) with FaceNet's normalised embeddings and margin 0.2. */
export function defaultConfig(): TripletConfig {
  return { margin: 0.2, mining: 'batch-hard', distance: 'euclidean', softMargin: false, normalize: true, watch: true };
}

let current: TripletConfig = defaultConfig();
let position: TrainingPosition = { step: 0, epoch: 0 };
/** What the editor was last told a schedule's margin and mining are (see `setPosition`). */
let announcedSchedule = '';

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
  announce(source);
  return getConfig();
}

function announce(source: ConfigSource): void {
  const view = serialConfig(current, position);
  announcedSchedule = scheduleKey(view.margin, view.mining);
  emit('config', { config: view, source });
}

/** The status bar shows the margin with two decimals, so smaller moves are not announced. */
function scheduleKey(margin: number, mining: string): string {
  return `${margin.toFixed(2)} ${mining}`;
}

/** `triplet.configure({ margin, mining, distance, softMargin, normalize, watch })`. */
export function configure(options: ConfigureOptions): TripletConfig {
  return applyConfig(options, 'code');
}

/** Back to the defaults (tests and `triplet.configure.reset()`), announced like any change. */
export function resetConfig(source: ConfigSource = 'code'): TripletConfig {
  current = defaultConfig();
  position = { step: 0, epoch: 0 };
  announce(source);
  return getConfig();
}

/**
 * Where training is; schedules shown to the editor are evaluated here. Set by `fit` before each
 * step. When a schedule moves the margin or enters a new mining stage, every listener hears it
 * (source 'code': the schedule was set from code), so the editor's status bar follows training;
 * a smooth margin schedule announces tens of changes over a fit, not one per step.
 */
export function setPosition(step: number, epoch: number): void {
  position = { step, epoch };
  if (typeof current.margin === 'number' && typeof current.mining !== 'object') return;
  const view = serialConfig(current, position);
  if (scheduleKey(view.margin, view.mining) === announcedSchedule) return;
  announcedSchedule = scheduleKey(view.margin, view.mining);
  emit('config', { config: view, source: 'code' });
}

export function getPosition(): TrainingPosition {
  return { ...position };
}
