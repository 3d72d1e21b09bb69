import type { KernelApi, MimeBundle } from '../../api';
import { getKernel } from '../config/host';
import { resolveConfig } from '../config/resolve';
import { getPosition } from '../config/store';
import type { DistancesPayload, ProjectionPayload } from '../../../contract/payloads';
import { runLayoutJob } from '../projections/layout-job';
import { distancesBundle, projectionBundle } from '../render';
import { toTensorData } from '../training/data';
import type { EmbeddingModel, LabelledData } from '../training/types';
import { resolveWatchOptions, type WatchOptions } from './options';
import { snapshot, type Snapshot, type SnapshotState } from './snapshot';

export type Probe = LabelledData & { labelNames?: string[] };

export interface Shown {
  distances: DistancesPayload;
  projection: ProjectionPayload;
  bundles: MimeBundle[];
}

/** Embeds the probe and measures it (the projection's layout, if any, is left to the caller). */
export function takeSnapshot(model: EmbeddingModel, probe: Probe, options: WatchOptions, previous: SnapshotState, fn: string): Snapshot {
  const o = resolveWatchOptions(options, fn);
  const data = toTensorData(probe, model, 'probe', fn);
  // The plots show the margin and mining where training stands now (as the status bar does).
  const now = getPosition();
  try {
    return snapshot(model, { x: data.x, labels: data.labels, labelNames: probe.labelNames }, resolveConfig(now.step, now.epoch), o, previous, undefined, fn);
  } finally {
    if (data.owned) data.x.dispose();
  }
}

/**
 * Computes one snapshot, UMAP / t-SNE layout included, on this thread (a cell's own call, which
 * an interrupt stops like any loop), and displays both bundles when a kernel is bound.
 */
export function showSnapshot(model: EmbeddingModel, probe: Probe, options: WatchOptions, previous: SnapshotState, fn: string, kernel?: KernelApi): Shown & { state: SnapshotState } {
  const s = takeSnapshot(model, probe, options, previous, fn);
  const done = s.layout ? s.layout.finish(runLayoutJob(s.layout.job)) : { projection: s.projection, state: s.state };
  const bundles = [distancesBundle(s.distances), projectionBundle(done.projection)];
  const k = kernel ?? getKernel();
  if (k) for (const b of bundles) k.display.mime(b);
  return { distances: s.distances, projection: done.projection, bundles, state: done.state };
}

/** `triplet.show(model, probe)`: the watch plots once, now. */
export function show(model: EmbeddingModel, probe: Probe, options: WatchOptions = {}): Shown {
  const { state, ...shown } = showSnapshot(model, probe, options, {}, 'triplet.show');
  void state;
  return shown;
}
