import type { ConfigSource, SerialConfig } from '../../../contract/comms/config-messages';
import type { TripletEventBus } from './event-bus';
import { serialConfig } from './serial';
import type { ConfigureOptions, TrainingPosition, TripletConfig } from './types';
import { validateOptions } from './validate';

/** Defaults follow Hermans et al. 2017 (batch-hard, euclidean) with FaceNet's normalised embeddings and margin 0.2. */
export function defaultConfig(): TripletConfig {
  return { margin: 0.2, mining: 'batch-hard', distance: 'euclidean', softMargin: false, normalize: true, watch: true };
}

/** The status bar shows the margin with two decimals, so smaller moves are not announced. */
function scheduleKey(view: SerialConfig): string {
  return `${view.margin.toFixed(2)} ${view.mining}`;
}

/**
 * One session's configuration, and the training position its schedules are shown at. Every
 * change is announced on the session's `config` event (the editor's status bar listens).
 */
export class ConfigStore {
  private current: TripletConfig = defaultConfig();
  private position: TrainingPosition = { step: 0, epoch: 0 };
  /** What the editor was last told a schedule's margin and mining are (see `setPosition`). */
  private announcedSchedule = '';

  constructor(private readonly events: TripletEventBus) {}

  /** The configuration now in effect (a copy: change it with `apply`). */
  get(): TripletConfig {
    return { ...this.current };
  }

  /** The configuration as the editor sees it, schedules shown at the current training position. */
  serial(): SerialConfig {
    return serialConfig(this.current, this.position);
  }

  /** Validates then merges `options` into the configuration and tells every listener. */
  apply(options: ConfigureOptions, source: ConfigSource, fn?: string): TripletConfig {
    const checked = validateOptions(options, fn);
    const next = { ...this.current };
    for (const [k, v] of Object.entries(checked)) {
      if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
    }
    this.current = next;
    this.announce(source);
    return this.get();
  }

  /** Back to the defaults and the start of training, announced like any change. */
  reset(source: ConfigSource = 'code'): TripletConfig {
    this.current = defaultConfig();
    this.position = { step: 0, epoch: 0 };
    this.announce(source);
    return this.get();
  }

  /**
   * Where training is; schedules shown to the editor are evaluated here. Set by `fit` before each
   * step. When a schedule moves the margin or enters a new mining stage, every listener hears it
   * (source 'code': the schedule was set from code), so the editor's status bar follows training;
   * a smooth margin schedule announces tens of changes over a fit, not one per step.
   */
  setPosition(step: number, epoch: number): void {
    this.position = { step, epoch };
    if (typeof this.current.margin === 'number' && typeof this.current.mining !== 'object') return;
    const view = this.serial();
    if (scheduleKey(view) === this.announcedSchedule) return;
    this.announcedSchedule = scheduleKey(view);
    this.events.emit('config', { config: view, source: 'code' });
  }

  getPosition(): TrainingPosition {
    return { ...this.position };
  }

  private announce(source: ConfigSource): void {
    const view = this.serial();
    this.announcedSchedule = scheduleKey(view);
    this.events.emit('config', { config: view, source });
  }
}
