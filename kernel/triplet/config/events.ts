import { activeSession } from '../session';
import type { TripletEventName, TripletEvents } from './event-bus';

export type { TripletEvents, TripletEventName } from './event-bus';

// `triplet.on` and friends: the events of the session the library runs in (session.ts).

/** Subscribes to a library event; returns the function that unsubscribes. */
export function on<E extends TripletEventName>(event: E, fn: (payload: TripletEvents[E]) => void): () => void {
  return activeSession().events.on(event, fn);
}

export function off<E extends TripletEventName>(event: E, fn: (payload: TripletEvents[E]) => void): void {
  activeSession().events.off(event, fn);
}

export function emit<E extends TripletEventName>(event: E, payload: TripletEvents[E]): void {
  activeSession().events.emit(event, payload);
}

export function listenerCount(event: TripletEventName): number {
  return activeSession().events.listenerCount(event);
}
