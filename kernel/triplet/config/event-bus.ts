import type { TripletStats } from '../miners/types';
import { TripletInputError } from '../validation/errors';
import type { ConfigSource, SerialConfig } from '../../../contract/comms/config-messages';

/** What each event carries. Steps and epochs are 0-based. */
export interface TripletEvents {
  /** After each optimizer step. */
  batch: { step: number; epoch: number; loss: number; margin: number; mining: string };
  /** After mining each batch: how many triplets were used, and the category counts over all valid triplets. */
  mined: { step: number; epoch: number; count: number; stats: TripletStats };
  /** After each epoch, with the mean loss over its steps. */
  epoch: { epoch: number; step: number; loss: number };
  /** After every configuration change, from code or from the editor. */
  config: { config: SerialConfig; source: ConfigSource };
}

export type TripletEventName = keyof TripletEvents;
type Listener<E extends TripletEventName> = (payload: TripletEvents[E]) => void;

const EVENT_NAMES: readonly TripletEventName[] = ['batch', 'mined', 'epoch', 'config'];

function checkName(event: unknown, fn: string): asserts event is TripletEventName {
  if (!EVENT_NAMES.includes(event as TripletEventName)) {
    throw new TripletInputError('event', fn, `is ${JSON.stringify(event)}`, `Use one of ${EVENT_NAMES.map((n) => `'${n}'`).join(', ')}.`);
  }
}

/** The listeners of one session's library events (`triplet.on`). */
export class TripletEventBus {
  private readonly listeners = new Map<TripletEventName, Set<Listener<TripletEventName>>>();

  /** Subscribes to a library event; returns the function that unsubscribes. */
  on<E extends TripletEventName>(event: E, fn: Listener<E>): () => void {
    checkName(event, 'triplet.on');
    if (typeof fn !== 'function') throw new TripletInputError('fn', 'triplet.on', 'is not a function', 'Pass a callback (payload) => { ... }.');
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener<TripletEventName>);
    return () => this.off(event, fn);
  }

  off<E extends TripletEventName>(event: E, fn: Listener<E>): void {
    checkName(event, 'triplet.off');
    this.listeners.get(event)?.delete(fn as Listener<TripletEventName>);
  }

  /**
   * Calls every listener; a listener that throws is reported on stderr and the others still run,
   * so a broken user callback cannot stop a training loop half-way.
   */
  emit<E extends TripletEventName>(event: E, payload: TripletEvents[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(payload);
      } catch (err) {
        process.stderr.write(`triplet.on('${event}') listener threw: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  }

  listenerCount(event: TripletEventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
