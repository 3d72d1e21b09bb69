import type { KernelApi } from '../../api';
import { getKernel } from '../config/host';
import { getConfig } from '../config/store';
import type { EmbeddingModel } from '../training/types';
import { TripletInputError } from '../validation/errors';
import { fingerprint } from './fingerprint';
import { resolveWatchOptions, type WatchOptions } from './options';
import { drawInBackground } from './draw-in-background';
import { showSnapshot, takeSnapshot, type Probe } from './show';
import type { SnapshotState } from './snapshot';

const FN = 'triplet.watch';

interface Watcher {
  model: EmbeddingModel;
  remove(): void;
}

/** Where a kernel keeps its watches: on the kernel object itself, so that state goes with it. */
const WATCHERS = Symbol('tripletlab.watchers');

/** The watches registered on `kernel` (created on first use). */
function watchersOf(kernel: KernelApi): Set<Watcher> {
  const k = kernel as KernelApi & { [WATCHERS]?: Set<Watcher> };
  return (k[WATCHERS] ??= new Set());
}

export interface WatchHandle {
  unwatch(): void;
  /** Resolves when the first picture, its UMAP / t-SNE layout included, is drawn. */
  drawn: Promise<void>;
}

/**
 * Redraws the distance histograms and a projection (PCA, UMAP or t-SNE) of `probe` after every cell that changed
 * the model's weights (a post_run_cell hook; a cell that did not train costs one fingerprint, a
 * few small reads). Shows the current state at once. `triplet.configure({ watch: false })` pauses
 * every watch; `unwatch()` removes it.
 */
export function watch(model: EmbeddingModel, probe: Probe, options: WatchOptions & { kernel?: KernelApi } = {}): WatchHandle {
  const kernel = options.kernel ?? getKernel();
  if (!kernel) {
    throw new TripletInputError('kernel', FN, 'is not available: watch redraws after notebook cells', 'Use triplet.show(model, probe) outside a notebook, or pass options.kernel.');
  }
  const o = resolveWatchOptions(options, FN);
  let state: SnapshotState = {};
  let changedCells = 0;
  // PCA is drawn within the hook; UMAP and t-SNE in a worker thread, the hook awaiting it.
  // Measuring and the first frame happen before draw returns, so bad input throws at once.
  const draw = (): Promise<void> => {
    if (o.projection.method === 'pca') {
      state = showSnapshot(model, probe, options, state, FN, kernel).state;
      return Promise.resolve();
    }
    return drawInBackground(takeSnapshot(model, probe, options, state, FN), kernel).then((next) => {
      state = next;
    });
  };
  // A UMAP / t-SNE layout of the current state goes on after this call returns; a redraw
  // starts once the layout before it has finished (or failed: the hook reports that).
  const first = draw();
  let previousDraw: Promise<void> = first.catch(() => undefined);
  let last = fingerprint(model);
  // Synchronous for PCA, so the redraw's output lands before the cell's reply without a wait.
  const hook = (): void | Promise<void> => {
    if (!getConfig().watch) return;
    const now = fingerprint(model);
    if (now === last) return;
    last = now;
    if (++changedCells % o.every !== 0) return;
    if (o.projection.method === 'pca') return void draw();
    const next = previousDraw.then(draw);
    previousDraw = next.catch(() => undefined);
    return next;
  };
  const off = kernel.hooks.on('post_run_cell', hook);
  const watchers = watchersOf(kernel);
  const w: Watcher = {
    model,
    remove() {
      off();
      watchers.delete(w);
    },
  };
  watchers.add(w);
  const what = `${probeCount(probe)} probe points${options.title ? ` (${options.title})` : ''}`;
  return {
    unwatch: () => w.remove(),
    drawn: first,
    // As a cell's last value the handle reads as what it does, not as `{ unwatch: [Function] }`.
    [Symbol.for('Jupyter.display')]: () => ({
      'text/plain': `watching the model on ${what}: plots after every ${o.every === 1 ? '' : `${o.every}th `}cell that changes its weights; call .unwatch() to stop`,
    }),
  } as WatchHandle;
}

/**
 * Stops watching `model` (every watch when no model is given) in the notebook's kernel, or in
 * `options.kernel` for watches started with one. Returns how many were removed.
 */
export function unwatch(model?: EmbeddingModel, options: { kernel?: KernelApi } = {}): number {
  const kernel = options.kernel ?? getKernel();
  if (!kernel) return 0;
  let n = 0;
  for (const w of [...watchersOf(kernel)]) {
    if (model === undefined || w.model === model) {
      w.remove();
      n++;
    }
  }
  return n;
}

function probeCount(probe: Probe): number {
  const p = probe as { n?: number; labels?: ArrayLike<number> };
  return p.n ?? p.labels?.length ?? 0;
}
