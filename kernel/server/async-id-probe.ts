import { executionAsyncId } from 'node:async_hooks';

const KEY = 'tripletlab.executionAsyncId';

/** What the socket thread evaluates in a paused frame of the main thread to read its async context. */
export const ASYNC_ID_PROBE = `globalThis[Symbol.for(${JSON.stringify(KEY)})]()`;

/**
 * On the main thread: lets a paused frame report its async context (stop-stuck-cell.ts). Kept
 * apart from the inspector code, which takes 30-80 ms to load and is needed only when stuck.
 */
export function installAsyncIdProbe(): void {
  Object.defineProperty(globalThis, Symbol.for(KEY), { value: executionAsyncId, configurable: true });
}
