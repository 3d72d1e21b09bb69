import type { KernelApi, MimeBundle } from '../../api';
import { getKernel } from '../config/host';
import { resolveConfig } from '../config/resolve';
import type { DistancesPayload, ProjectionPayload } from '../payloads';
import { distancesBundle, projectionBundle } from '../render';
import { toTensorData } from '../training/data';
import type { EmbeddingModel, LabelledData } from '../training/types';
import { resolveWatchOptions, type WatchOptions } from './options';
import { snapshot, type SnapshotState } from './snapshot';

export type Probe = LabelledData & { labelNames?: string[] };

export interface Shown {
  distances: DistancesPayload;
  projection: ProjectionPayload;
  bundles: MimeBundle[];
}

/** Computes one snapshot and displays both bundles when a kernel is bound (else only returns them). */
export function showSnapshot(model: EmbeddingModel, probe: Probe, options: WatchOptions, previous: SnapshotState, fn: string, kernel?: KernelApi): Shown & { state: SnapshotState } {
  const o = resolveWatchOptions(options, fn);
  const data = toTensorData(probe, model, 'probe', fn);
  try {
    const s = snapshot(model, { x: data.x, labels: data.labels, labelNames: probe.labelNames }, resolveConfig(), o, previous);
    const bundles = [distancesBundle(s.distances), projectionBundle(s.projection)];
    const k = kernel ?? getKernel();
    if (k) for (const b of bundles) k.display.mime(b);
    return { distances: s.distances, projection: s.projection, bundles, state: s.state };
  } finally {
    if (data.owned) data.x.dispose();
  }
}

/** `triplet.show(model, probe)`: the watch plots once, now. */
export function show(model: EmbeddingModel, probe: Probe, options: WatchOptions = {}): Shown {
  const { state, ...shown } = showSnapshot(model, probe, options, {}, 'triplet.show');
  void state;
  return shown;
}
