import type { BackendInfo } from './types';

// A process-wide flag (not module state) so that two copies of this module loaded from
// different paths still print the notice once.
const PRINTED = Symbol.for('tripletlab.backend.noticePrinted');

/**
 * The one stderr line shown when the native backend is not in use. `forced`: the backend came from
 * TRIPLETLAB_BACKEND, so tfjs-node was not looked for and the line gives the reason instead.
 */
export function backendNotice(info: BackendInfo, forced: boolean): string {
  const detail =
    info.name === 'wasm'
      ? ` (${info.simd ? 'SIMD' : 'no SIMD'}, ${info.threads ?? 1} thread${(info.threads ?? 1) === 1 ? '' : 's'})`
      : '';
  const head = forced
    ? `tripletlab: using the ${info.name} backend${detail}: ${info.reason}.`
    : `tripletlab: @tensorflow/tfjs-node is not installed, using the ${info.name} backend${detail}.`;
  return forced ? head : `${head} For native speed: npm install @tensorflow/tfjs-node`;
}

/** Prints `line` on stderr unless a notice was already printed in this process. */
export function printNoticeOnce(line: string): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[PRINTED]) return;
  g[PRINTED] = true;
  console.error(line);
}
