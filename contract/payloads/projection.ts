/**
 * Projection encoding: coordinates quantised to Uint16 per axis (65,536 levels is finer than any
 * screen, and halves the size of Float32), base64 so the payload stays plain JSON in `.ipynb`.
 */
import { bytesToUint, decodeBase64, encodeBase64, uintToBytes } from './base64';
import { PayloadError } from './errors';
import { PAYLOAD_VERSION } from './mime';
import type { DecodedProjection, EncodedLabels, PendingProjection, ProjectionMethod, ProjectionPayload, ProjectionTrustworthiness } from './types';
import { validateProjectionPayload } from './validate';

const Q = 65535;

export interface ProjectionInput {
  /** Interleaved x,y(,z) per point. */
  coords: ArrayLike<number>;
  dims: 2 | 3;
  /** Integer class label per point (0-based). */
  labels: ArrayLike<number>;
  labelNames?: string[];
  method: ProjectionMethod;
  /** k nearest neighbours in embedding space, count × k row-major. */
  neighbors?: { k: number; indices: ArrayLike<number> };
  params?: Record<string, number | string | boolean>;
  explainedVariance?: number[];
  trustworthiness?: ProjectionTrustworthiness;
  pending?: PendingProjection;
  title?: string;
}

export function encodeProjection(input: ProjectionInput): ProjectionPayload {
  const fn = 'encodeProjection';
  const { coords, dims } = input;
  if (dims !== 2 && dims !== 3) throw new PayloadError(fn, 'dims', `is ${String(dims)}`, 'pass 2 or 3');
  if (coords.length % dims !== 0) {
    throw new PayloadError(fn, 'coords', `has ${coords.length} values, not a multiple of dims ${dims}`, 'pass interleaved x,y(,z) values, dims per point');
  }
  const count = coords.length / dims;
  if (input.labels.length !== count) {
    throw new PayloadError(fn, 'labels', `has ${input.labels.length} labels for ${count} points`, 'pass one label per point');
  }
  const min = new Array<number>(dims).fill(Infinity);
  const max = new Array<number>(dims).fill(-Infinity);
  for (let i = 0; i < coords.length; i++) {
    const v = coords[i];
    if (!Number.isFinite(v)) {
      throw new PayloadError(fn, `coords[${i}]`, `is ${v} (point ${Math.floor(i / dims)})`, 'pass finite coordinates (check the embedding for NaN)');
    }
    const a = i % dims;
    if (v < min[a]) min[a] = v;
    if (v > max[a]) max[a] = v;
  }
  if (count === 0) { min.fill(0); max.fill(0); }
  const q = new Uint16Array(coords.length);
  for (let i = 0; i < coords.length; i++) {
    const a = i % dims;
    const span = max[a] - min[a];
    q[i] = span > 0 ? Math.round(((coords[i] - min[a]) / span) * Q) : 0;
  }
  let maxLabel = 0;
  for (let i = 0; i < count; i++) {
    const l = input.labels[i];
    if (!Number.isInteger(l) || l < 0 || l > 65535) {
      throw new PayloadError(fn, `labels[${i}]`, `is ${l}`, 'pass integer class ids between 0 and 65535');
    }
    if (l > maxLabel) maxLabel = l;
  }
  const labelBytes: 1 | 2 = maxLabel < 256 ? 1 : 2;
  const labels: EncodedLabels = {
    encoding: labelBytes === 1 ? 'uint8' : 'uint16',
    data: encodeBase64(uintToBytes(input.labels, labelBytes)),
  };
  const payload: ProjectionPayload = {
    version: PAYLOAD_VERSION,
    method: input.method,
    dims,
    count,
    coords: { encoding: 'uint16', data: encodeBase64(uintToBytes(q, 2)), min, max },
    labels,
    params: input.params ?? {},
  };
  if (input.labelNames) payload.labelNames = input.labelNames;
  if (input.neighbors) {
    const { k, indices } = input.neighbors;
    if (!Number.isInteger(k) || k < 1) throw new PayloadError(fn, 'neighbors.k', `is ${k}`, 'pass a positive integer k');
    if (indices.length !== count * k) {
      throw new PayloadError(fn, 'neighbors.indices', `has ${indices.length} values, expected count ${count} × k ${k}`, 'pass k neighbour indices per point, row-major');
    }
    for (let i = 0; i < indices.length; i++) {
      const j = indices[i];
      if (!Number.isInteger(j) || j < 0 || j >= count) {
        throw new PayloadError(fn, `neighbors.indices[${i}]`, `is ${j}`, `pass point indices between 0 and ${count - 1}`);
      }
    }
    const wide = count > 65536;
    payload.neighbors = { k, encoding: wide ? 'uint32' : 'uint16', data: encodeBase64(uintToBytes(indices, wide ? 4 : 2)) };
  }
  if (input.explainedVariance) payload.explainedVariance = input.explainedVariance;
  if (input.trustworthiness) {
    const { k, value } = input.trustworthiness;
    if (!Number.isInteger(k) || k < 1 || !(value >= 0 && value <= 1)) {
      throw new PayloadError(fn, 'trustworthiness', `is { k: ${k}, value: ${value} }`, 'pass an integer k ≥ 1 and a value between 0 and 1');
    }
    payload.trustworthiness = { k, value };
  }
  if (input.pending) {
    const progress = Math.min(1, Math.max(0, input.pending.progress));
    payload.pending = { method: input.pending.method, progress, ...(input.pending.stopped ? { stopped: true } : {}) };
  }
  if (input.title !== undefined) payload.title = input.title;
  return payload;
}

/** Validates then decodes; coordinates come back within (max − min) / 131070 of the encoded values. */
export function decodeProjection(x: unknown): DecodedProjection {
  const fn = 'decodeProjection';
  const p = validateProjectionPayload(x);
  const q = bytesToUint(decodeBase64(p.coords.data, 'payload.coords.data', fn), 2);
  const coords = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) {
    const a = i % p.dims;
    coords[i] = p.coords.min[a] + (q[i] / Q) * (p.coords.max[a] - p.coords.min[a]);
  }
  let labels: Uint16Array;
  if (Array.isArray(p.labels)) {
    labels = Uint16Array.from(p.labels);
  } else {
    labels = Uint16Array.from(bytesToUint(decodeBase64(p.labels.data, 'payload.labels.data', fn), p.labels.encoding === 'uint8' ? 1 : 2));
  }
  let maxLabel = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const labelNames: string[] = [];
  for (let l = 0; l <= maxLabel; l++) labelNames.push(p.labelNames?.[l] ?? String(l));
  let neighbors = new Uint32Array(0);
  let k = 0;
  if (p.neighbors) {
    k = p.neighbors.k;
    neighbors = bytesToUint(decodeBase64(p.neighbors.data, 'payload.neighbors.data', fn), p.neighbors.encoding === 'uint16' ? 2 : 4);
    for (let i = 0; i < neighbors.length; i++) {
      if (neighbors[i] >= p.count) {
        throw new PayloadError(fn, `payload.neighbors (entry ${i})`, `is ${neighbors[i]}, beyond the ${p.count} points`, 'encode neighbour indices of points in this projection');
      }
    }
  }
  const out: DecodedProjection = {
    method: p.method, dims: p.dims, count: p.count, coords, labels, labelNames, neighbors, k, params: p.params,
  };
  if (p.explainedVariance) out.explainedVariance = p.explainedVariance;
  if (p.trustworthiness) out.trustworthiness = p.trustworthiness;
  if (p.pending) out.pending = p.pending;
  if (p.title !== undefined) out.title = p.title;
  return out;
}
