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
const listeners = new Map<TripletEventName, Set<Listener<TripletEventName>>>();

function checkName(event: unknown, fn: string): asserts event is TripletEventName {
  if (!EVENT_NAMES.includes(event as TripletEventName)) {
    throw new TripletInputError('event', fn, `is ${JSON.stringify(event)}`, `Use one of ${EVENT_NAMES.map((n) => `'${n}'`).join(', ')}.`);
  }
}

/** Subscribes to a library event; returns the function that unsubscribes. */
export function on<E extends TripletEventName>(event: E, fn: Listener<E>): () => void {
  checkName(event, 'triplet.on');
  if (typeof fn !== 'function') throw new TripletInputError('fn', 'triplet.on', 'is not a function', 'Pass a callback (payload) => { ... }.');
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(fn as Listener<TripletEventName>);
  return () => off(event, fn);
}

export function off<E extends TripletEventName>(event: E, fn: Listener<E>): void {
  checkName(event, 'triplet.off');
  listeners.get(event)?.delete(fn as Listener<TripletEventName>);
}

/**
 * Calls every listener; a listener that throws is reported on stderr and the others still run,
 * so a broken user callback cannot stop a training loop half-way.
 */
export function emit<E extends TripletEventName>(event: E, payload: TripletEvents[E]): void {
  const set = listeners.get(event);
  if (!set) return;
  for (const fn of [...set]) {
    try {
      fn(payload);
    } catch (err) {
      process.stderr.write(`triplet.on('${event}') listener threw: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

export function listenerCount(event: TripletEventName): number {
  return listeners.get(event)?.size ?? 0;
}
