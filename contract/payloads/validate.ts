/**
 * Validators for display payloads: structural checks against the JSON Schemas, then the
 * cross-field rules a schema cannot express (lengths that must agree, ascending edges).
 * Each returns its input typed, or throws a PayloadError naming the field and the fix.
 */
import { PayloadError } from './errors';
import { checkSchema } from './schema-check';
import { distancesSchema, projectionSchema, trainingSchema, type JsonSchema } from './schemas';
import type { BinnedDistances, DistancesPayload, ProjectionPayload, TrainingPayload } from './types';

function structural(value: unknown, schema: JsonSchema, fn: string, fix: string): void {
  const p = checkSchema(value, schema, 'payload');
  if (p) throw new PayloadError(fn, p.path, p.problem, fix);
}

function checkBinned(b: BinnedDistances, path: string, fn: string): void {
  const bins = b.binEdges.length - 1;
  for (let i = 1; i < b.binEdges.length; i++) {
    if (!(b.binEdges[i] > b.binEdges[i - 1])) {
      throw new PayloadError(fn, `${path}.binEdges[${i}]`, `is ${b.binEdges[i]}, not above the previous edge ${b.binEdges[i - 1]}`, 'give strictly ascending bin edges');
    }
  }
  for (const key of ['positive', 'negative'] as const) {
    if (b[key].length !== bins) {
      throw new PayloadError(fn, `${path}.${key}`, `has ${b[key].length} counts but binEdges has ${bins} bins`, 'give one count per bin (binEdges.length − 1)');
    }
  }
}

export function validateDistancesPayload(x: unknown): DistancesPayload {
  const fn = 'validateDistancesPayload';
  structural(x, distancesSchema, fn, 'build it with the triplet distance watcher or follow distancesSchema');
  const p = x as DistancesPayload;
  checkBinned(p, 'payload', fn);
  if (p.previous) checkBinned(p.previous, 'payload.previous', fn);
  return p;
}

/** Byte length of a padded base64 string, without decoding it. */
export function base64ByteLength(text: string): number {
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - pad;
}

function checkEncodedLength(data: string, expected: number, path: string, fn: string, what: string): void {
  if (data.length % 4 !== 0) {
    throw new PayloadError(fn, path, `has length ${data.length}, not a multiple of 4`, 'pass padded base64 (RFC 4648 §4)');
  }
  const got = base64ByteLength(data);
  if (got !== expected) {
    throw new PayloadError(fn, path, `decodes to ${got} bytes, expected ${expected} (${what})`, 'encode the payload with encodeProjection so count, dims and data agree');
  }
}

export function validateProjectionPayload(x: unknown): ProjectionPayload {
  const fn = 'validateProjectionPayload';
  structural(x, projectionSchema, fn, 'build it with encodeProjection or follow projectionSchema');
  const p = x as ProjectionPayload;
  for (const key of ['min', 'max'] as const) {
    if (p.coords[key].length !== p.dims) {
      throw new PayloadError(fn, `payload.coords.${key}`, `has ${p.coords[key].length} values but dims is ${p.dims}`, 'give one value per axis');
    }
  }
  for (let a = 0; a < p.dims; a++) {
    if (p.coords.max[a] < p.coords.min[a]) {
      throw new PayloadError(fn, `payload.coords.max[${a}]`, `is ${p.coords.max[a]}, below min ${p.coords.min[a]}`, 'give max ≥ min per axis');
    }
    // Points are placed at min + q / 65535 × (max − min): a range beyond float64 puts them all at NaN.
    if (!Number.isFinite(p.coords.max[a] - p.coords.min[a])) {
      throw new PayloadError(fn, `payload.coords`, `range on axis ${a} (${p.coords.min[a]} to ${p.coords.max[a]}) overflows`, 'scale or normalise the embeddings before projecting them');
    }
  }
  checkEncodedLength(p.coords.data, p.count * p.dims * 2, 'payload.coords.data', fn, `count ${p.count} × dims ${p.dims} × 2 bytes`);
  if (Array.isArray(p.labels)) {
    if (p.labels.length !== p.count) {
      throw new PayloadError(fn, 'payload.labels', `has ${p.labels.length} labels but count is ${p.count}`, 'give one label per point');
    }
  } else {
    const per = p.labels.encoding === 'uint8' ? 1 : 2;
    checkEncodedLength(p.labels.data, p.count * per, 'payload.labels.data', fn, `count ${p.count} × ${per} bytes`);
  }
  if (p.neighbors) {
    const per = p.neighbors.encoding === 'uint16' ? 2 : 4;
    checkEncodedLength(p.neighbors.data, p.count * p.neighbors.k * per, 'payload.neighbors.data', fn, `count ${p.count} × k ${p.neighbors.k} × ${per} bytes`);
  }
  if (p.explainedVariance && p.explainedVariance.length < p.dims && p.method === 'pca') {
    throw new PayloadError(fn, 'payload.explainedVariance', `has ${p.explainedVariance.length} values for ${p.dims} axes`, 'give one explained-variance ratio per axis');
  }
  return p;
}

export function validateTrainingPayload(x: unknown): TrainingPayload {
  const fn = 'validateTrainingPayload';
  structural(x, trainingSchema, fn, 'build it with the training watcher or follow trainingSchema');
  const p = x as TrainingPayload;
  if (p.lossSteps.length !== p.loss.length) {
    throw new PayloadError(fn, 'payload.loss', `has ${p.loss.length} values but lossSteps has ${p.lossSteps.length}`, 'give one step per loss value');
  }
  if (p.totalSteps > 0 && p.step > p.totalSteps) {
    throw new PayloadError(fn, 'payload.step', `is ${p.step}, beyond totalSteps ${p.totalSteps}`, 'keep step ≤ totalSteps (use totalSteps 0 when unknown)');
  }
  const h = p.fractionHistory;
  if (h) {
    for (const key of ['easy', 'semiHard', 'hard'] as const) {
      if (h[key].length !== h.steps.length) {
        throw new PayloadError(fn, `payload.fractionHistory.${key}`, `has ${h[key].length} values but steps has ${h.steps.length}`, 'give one fraction per step');
      }
    }
  }
  const c = p.config;
  if (c) {
    for (let i = 1; i < c.length; i++) {
      if (c[i].step < c[i - 1].step) {
        throw new PayloadError(fn, `payload.config[${i}].step`, `is ${c[i].step}, before the previous change's step ${c[i - 1].step}`, 'list the changes in the order of their steps');
      }
    }
  }
  return p;
}
