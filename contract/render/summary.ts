import type { DecodedProjection, DistancesPayload, TrainingPayload } from '../payloads';
import { count, percent, sig3 } from './format';
import { methodName, parameterText, pendingText } from './projection-caption';

function categoryLine(c: { easy: number; semiHard: number; hard: number }, asFractions: boolean): string {
  const total = c.easy + c.semiHard + c.hard;
  const part = (name: string, v: number) =>
    asFractions ? `${name} ${percent(v)}` : `${name} ${count(v)} (${percent(total > 0 ? v / total : 0)})`;
  return [part('easy', c.easy), part('semi-hard', c.semiHard), part('hard', c.hard)].join(', ');
}

export function distancesSummary(p: DistancesPayload): string {
  const head = `${p.title ? `${p.title}: ` : ''}distances (${p.distance}, margin ${sig3(p.margin)}${p.step !== undefined ? `, step ${p.step}` : ''})`;
  return `${head}: mean d(a,p) ${sig3(p.meanPositive)}, mean d(a,n) ${sig3(p.meanNegative)}, ROC AUC ${p.rocAuc.toFixed(3)}; triplets ${categoryLine(p.triplets, false)}`;
}

export function projectionSummary(d: DecodedProjection): string {
  const labels = new Set(d.labels).size;
  const ev = d.explainedVariance ? `, explained variance ${d.explainedVariance.slice(0, d.dims).map(percent).join(' + ')}` : '';
  const tw = d.trustworthiness ? `, trustworthiness@${d.trustworthiness.k} ${d.trustworthiness.value.toFixed(3)}` : '';
  const nn = d.k > 0 ? `, ${d.k} nearest neighbours each` : '';
  const pending = d.pending ? `; ${pendingText(d.pending)}` : '';
  return `${d.title ? `${d.title}: ` : ''}${methodName(d.method)}${parameterText(d)} projection to ${d.dims}-d of ${count(d.count)} points, ${labels} labels${ev}${tw}${nn}${pending}`;
}

export function trainingSummary(p: TrainingPayload): string {
  const progress = p.totalSteps > 0 ? `step ${count(p.step)}/${count(p.totalSteps)} (${percent(p.step / p.totalSteps)})` : `step ${count(p.step)}`;
  const loss = p.loss.length ? `, loss ${sig3(p.loss[p.loss.length - 1])}` : '';
  const msg = p.message ? ` — ${p.message}` : '';
  const now = p.config?.at(-1);
  const cfg = now ? `, margin ${sig3(now.margin)} ${now.mining}` : '';
  return `training ${p.status}: ${progress}, epoch ${p.epoch}/${p.totalEpochs}${loss}${cfg}, ${categoryLine(p.fractions, true)}, ${p.elapsedSeconds.toFixed(1)} s${msg}`;
}
