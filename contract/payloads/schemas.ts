/**
 * JSON Schemas (draft 2020-12 subset) of the display payloads. `validate.ts` checks payloads
 * against these same objects, so the published schema and the checks cannot drift apart.
 */
import { DISTANCES_MIME, PROJECTION_MIME, TRAINING_MIME } from './mime';

export type JsonSchema = {
  $id?: string;
  $schema?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'number' | 'integer' | 'string' | 'boolean';
  enum?: readonly (string | number | boolean)[];
  const?: string | number | boolean;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  oneOf?: readonly JsonSchema[];
};

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const num: JsonSchema = { type: 'number' };
const count: JsonSchema = { type: 'number', minimum: 0 };
const nonNegInt: JsonSchema = { type: 'integer', minimum: 0 };
const numArray: JsonSchema = { type: 'array', items: num };
const countArray: JsonSchema = { type: 'array', items: count };
const base64: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' };
const categories = (itemSchema: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['easy', 'semiHard', 'hard'],
  properties: { easy: itemSchema, semiHard: itemSchema, hard: itemSchema },
});
/**
 * Limits that keep the renderer responsive: more bins than pixels is never useful, and the
 * training views draw at most 500 points per curve (the kernel downsamples to that).
 */
export const MAX_BINS = 10_000;
export const MAX_HISTORY_POINTS = 500;
const historyArray: JsonSchema = { type: 'array', items: num, maxItems: MAX_HISTORY_POINTS };
const binned: Record<string, JsonSchema> = {
  binEdges: { type: 'array', items: num, minItems: 2, maxItems: MAX_BINS + 1 },
  positive: { ...countArray, maxItems: MAX_BINS },
  negative: { ...countArray, maxItems: MAX_BINS },
};

export const distancesSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: `${DISTANCES_MIME}#v1`,
  title: 'DistancesPayload',
  description: 'Pre-binned anchor-positive and anchor-negative distance histograms with triplet category counts.',
  type: 'object',
  required: ['version', 'distance', 'margin', 'binEdges', 'positive', 'negative', 'triplets', 'meanPositive', 'meanNegative', 'rocAuc'],
  properties: {
    version: { const: 1 },
    distance: { enum: ['euclidean', 'squared-euclidean', 'cosine'] },
    margin: { type: 'number', minimum: 0 },
    ...binned,
    triplets: categories(count),
    meanPositive: num,
    meanNegative: num,
    rocAuc: { type: 'number', minimum: 0, maximum: 1 },
    previous: { type: 'object', required: ['binEdges', 'positive', 'negative'], properties: binned },
    title: { type: 'string' },
    step: nonNegInt,
  },
};

export const projectionSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: `${PROJECTION_MIME}#v1`,
  title: 'ProjectionPayload',
  description: '2-d or 3-d projection of embeddings, quantised to Uint16 per axis, with labels and optional embedding-space neighbours.',
  type: 'object',
  required: ['version', 'method', 'dims', 'count', 'coords', 'labels', 'params'],
  properties: {
    version: { const: 1 },
    method: { enum: ['pca', 'umap', 'tsne'] },
    dims: { enum: [2, 3] },
    count: nonNegInt,
    coords: {
      type: 'object',
      required: ['encoding', 'data', 'min', 'max'],
      properties: {
        encoding: { const: 'uint16' },
        data: base64,
        min: { type: 'array', items: num, minItems: 2, maxItems: 3 },
        max: { type: 'array', items: num, minItems: 2, maxItems: 3 },
      },
    },
    labels: {
      oneOf: [
        // Decoded as Uint16 like the encoded form: larger ids would wrap (70000 → 4464).
        { type: 'array', items: { ...nonNegInt, maximum: 65535 } },
        { type: 'object', required: ['encoding', 'data'], properties: { encoding: { enum: ['uint8', 'uint16'] }, data: base64 } },
      ],
    },
    labelNames: { type: 'array', items: { type: 'string' } },
    neighbors: {
      type: 'object',
      required: ['k', 'encoding', 'data'],
      properties: { k: { type: 'integer', minimum: 1 }, encoding: { enum: ['uint16', 'uint32'] }, data: base64 },
    },
    params: { type: 'object', additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }] } },
    explainedVariance: numArray,
    trustworthiness: {
      type: 'object',
      required: ['k', 'value'],
      properties: { k: { type: 'integer', minimum: 1 }, value: { type: 'number', minimum: 0, maximum: 1 } },
    },
    pending: {
      type: 'object',
      required: ['method', 'progress'],
      properties: { method: { enum: ['pca', 'umap', 'tsne'] }, progress: { type: 'number', minimum: 0, maximum: 1 }, stopped: { type: 'boolean' } },
    },
    title: { type: 'string' },
  },
};

export const trainingSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: `${TRAINING_MIME}#v1`,
  title: 'TrainingPayload',
  description: 'Live training progress: loss curve, triplet category fractions, progress.',
  type: 'object',
  required: ['version', 'status', 'step', 'totalSteps', 'epoch', 'totalEpochs', 'lossSteps', 'loss', 'fractions', 'elapsedSeconds'],
  properties: {
    version: { const: 1 },
    status: { enum: ['running', 'done', 'interrupted', 'error'] },
    step: nonNegInt,
    totalSteps: nonNegInt,
    epoch: nonNegInt,
    totalEpochs: nonNegInt,
    lossSteps: historyArray,
    loss: historyArray,
    fractions: categories({ type: 'number', minimum: 0, maximum: 1 }),
    fractionHistory: {
      type: 'object',
      required: ['steps', 'easy', 'semiHard', 'hard'],
      properties: { steps: historyArray, easy: historyArray, semiHard: historyArray, hard: historyArray },
    },
    elapsedSeconds: { type: 'number', minimum: 0 },
    message: { type: 'string' },
    validation: {
      type: 'array',
      items: { type: 'object', required: ['step', 'metric', 'value'], properties: { step: num, metric: { type: 'string' }, value: num } },
    },
    config: {
      type: 'array',
      items: { type: 'object', required: ['step', 'margin', 'mining'], properties: { step: nonNegInt, margin: { type: 'number', minimum: 0 }, mining: { type: 'string' } } },
    },
  },
};
