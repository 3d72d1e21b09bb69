/**
 * Checks a value against the JSON Schema subset used in `schemas.ts`. Returns the first problem
 * as `{ path, problem }`, or null. Numbers must be finite: JSON has no NaN/Infinity and
 * `JSON.stringify` would silently turn them into null.
 */
import type { JsonSchema } from './schemas';
import { truncateText } from '../render/truncate-text';

export interface SchemaProblem {
  path: string;
  problem: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v;
}

function describe(v: unknown): string {
  const t = typeOf(v);
  if (t === 'string') return `"${truncateText(String(v), 40)}"`;
  if (t === 'number' || t === 'boolean') return String(v);
  return t;
}

export function checkSchema(value: unknown, schema: JsonSchema, path: string): SchemaProblem | null {
  if (schema.oneOf) {
    const problems = schema.oneOf.map((s) => checkSchema(value, s, path));
    const ok = problems.filter((p) => p === null).length;
    if (ok === 1) return null;
    if (ok === 0) {
      const types = schema.oneOf.map((s) => s.type ?? 'value').join(' or ');
      const nested = problems.find((p) => p && p.path !== path);
      return nested ?? { path, problem: `is ${describe(value)}, expected ${types}` };
    }
    return { path, problem: 'matches more than one allowed shape' };
  }
  if (schema.const !== undefined && value !== schema.const) {
    return { path, problem: `is ${describe(value)}, expected ${JSON.stringify(schema.const)}` };
  }
  if (schema.enum && !schema.enum.includes(value as string)) {
    return { path, problem: `is ${describe(value)}, expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` };
  }
  const t = typeOf(value);
  if (schema.type) {
    const ok =
      schema.type === 'integer' ? t === 'number' && Number.isInteger(value) : t === schema.type;
    if (!ok) return { path, problem: `is ${describe(value)}, expected ${schema.type === 'integer' ? 'an integer' : `a ${schema.type}`}` };
  }
  if (t === 'number') {
    const n = value as number;
    if (schema.minimum !== undefined && n < schema.minimum) return { path, problem: `is ${n}, below the minimum ${schema.minimum}` };
    if (schema.maximum !== undefined && n > schema.maximum) return { path, problem: `is ${n}, above the maximum ${schema.maximum}` };
  }
  if (t === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value as string)) {
    return { path, problem: `does not match ${schema.pattern}` };
  }
  if (t === 'array') {
    const a = value as unknown[];
    if (schema.minItems !== undefined && a.length < schema.minItems) return { path, problem: `has ${a.length} items, expected at least ${schema.minItems}` };
    if (schema.maxItems !== undefined && a.length > schema.maxItems) return { path, problem: `has ${a.length} items, expected at most ${schema.maxItems}` };
    if (schema.items) {
      for (let i = 0; i < a.length; i++) {
        const p = checkSchema(a[i], schema.items, `${path}[${i}]`);
        if (p) return p;
      }
    }
  }
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in o) || o[key] === undefined) return { path: `${path}.${key}`, problem: 'is missing' };
    }
    for (const [key, v] of Object.entries(o)) {
      if (v === undefined) continue;
      const sub = schema.properties?.[key];
      if (sub) {
        const p = checkSchema(v, sub, `${path}.${key}`);
        if (p) return p;
      } else if (typeof schema.additionalProperties === 'object') {
        const p = checkSchema(v, schema.additionalProperties, `${path}.${key}`);
        if (p) return p;
      } else if (schema.additionalProperties === false) {
        return { path: `${path}.${key}`, problem: 'is not an allowed property' };
      }
    }
  }
  return null;
}
