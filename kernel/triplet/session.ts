import type { KernelApi } from '../api';
import type { ConfigStore } from './config/config-store';
import { TripletEventBus } from './config/event-bus';
import { TrainingRuns } from './training/runs';

/**
 * What the library remembers between calls, for one kernel: the configuration and the training
 * position its schedules are shown at, event listeners, the training loops `stop()` reaches, and
 * the kernel it displays in (none in plain Node). The `triplet` global uses its kernel's session
 * (kernel-binding.ts); a test makes its own.
 */
export class TripletSession {
  readonly events = new TripletEventBus();
  readonly runs = new TrainingRuns();
  private store: ConfigStore | undefined;

  constructor(readonly kernel?: KernelApi) {}

  /**
   * The session's configuration. Loaded on first use: the kernel binds a session at start, and
   * validation (the mining table, distances) is not needed before a cell or the editor asks.
   */
  get config(): ConfigStore {
    this.store ??= new (require('./config/config-store') as typeof import('./config/config-store')).ConfigStore(this.events);
    return this.store;
  }
}

let active = new TripletSession();

/** The session the library's functions (`triplet.configure`, `fit`, `stop`, ...) use: the kernel's once one bound. */
export function activeSession(): TripletSession {
  return active;
}

/** Makes `session` the one the library's functions use; returns the function that puts the previous one back. */
export function useSession(session: TripletSession): () => void {
  const previous = active;
  active = session;
  return () => {
    if (active === session) active = previous;
  };
}
