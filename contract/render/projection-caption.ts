import type { DecodedProjection, ProjectionMethod } from '../payloads';
import { percent } from './format';

const NAMES: Record<ProjectionMethod, string> = { pca: 'PCA', umap: 'UMAP', tsne: 't-SNE' };

export function methodName(m: ProjectionMethod): string {
  return NAMES[m] ?? String(m).toUpperCase();
}

/** The parameters that decide a UMAP / t-SNE picture, in the words their papers use. */
export function parameterText(d: Pick<DecodedProjection, 'method' | 'params'>): string {
  const p = d.params;
  const parts: string[] = [];
  if (d.method === 'umap') {
    if (p.neighbors !== undefined) parts.push(`${p.neighbors} neighbours`);
    if (p.minDist !== undefined) parts.push(`min dist ${p.minDist}`);
    if (p.epochs !== undefined) parts.push(`${p.epochs} epochs`);
  } else if (d.method === 'tsne') {
    if (p.perplexity !== undefined) parts.push(`perplexity ${p.perplexity}`);
    if (p.iterations !== undefined) parts.push(`${p.iterations} iterations`);
    if (p.theta !== undefined) parts.push(`θ ${p.theta}`);
  }
  if (d.method !== 'pca' && p.seed !== undefined) parts.push(`seed ${p.seed}`);
  if (p.warm === true) parts.push('warm start');
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * One line saying which method drew the picture, with what, and how far to trust it:
 * "UMAP (15 neighbours, min dist 0.1, 200 epochs, seed 0) · trustworthiness@10 0.962".
 * While a layout runs, the frame on screen is an earlier one, and the line says so.
 */
export function projectionCaption(d: Pick<DecodedProjection, 'method' | 'params' | 'dims' | 'explainedVariance' | 'trustworthiness' | 'pending'>): string {
  const parts = [`${methodName(d.method)}${parameterText(d)}`];
  if (d.explainedVariance) parts.push(`explained variance ${d.explainedVariance.slice(0, d.dims).map(percent).join(' + ')}`);
  if (d.trustworthiness) parts.push(`trustworthiness@${d.trustworthiness.k} ${d.trustworthiness.value.toFixed(3)}`);
  if (d.pending) parts.push(pendingText(d.pending));
  return parts.join(' · ');
}

export function pendingText(p: NonNullable<DecodedProjection['pending']>): string {
  const name = methodName(p.method);
  return p.stopped ? `${name} stopped by an interrupt; this is the earlier frame` : `${name} running ${percent(p.progress)}; this is the earlier frame`;
}
