import type { TrainingPayload } from '../payloads';
import { escapeXml } from './escape';
import { count, niceTicks, percent, sig3 } from './format';
import { legendItem, px, scale, svgOpen, text, type Axis } from './svg-frame';
import { LIGHT_THEME, type Theme } from './theme';

const W = 640;
const H = 300;
const LOSS = { left: 52, right: 400, top: 62, bottom: H - 40 };
const FRAC = { left: 440, right: W - 20, top: 62, bottom: H - 40 };

function linePath(xs: number[], ys: number[], x: Axis, y: Axis): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i ? 'L' : 'M'}${px(scale(x, xs[i]))} ${px(scale(y, ys[i]))}`;
  return d;
}

export function trainingSvg(p: TrainingPayload, theme: Theme = LIGHT_THEME): string {
  const title = `Training — ${p.status}`;
  let s = svgOpen(W, H, title, theme, 'training');
  s += text(LOSS.left, 20, title, 'font-size="14" font-weight="bold"');
  const frac = p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 0;
  s += `<rect x="${LOSS.left}" y="30" width="${FRAC.right - LOSS.left}" height="8" fill="${theme.grid}"/>`;
  s += `<rect x="${LOSS.left}" y="30" width="${px((FRAC.right - LOSS.left) * frac)}" height="8" fill="${p.status === 'error' ? theme.hard : theme.accent}" class="tl-progress"/>`;
  const progress = p.totalSteps > 0 ? `step ${count(p.step)} / ${count(p.totalSteps)} (${percent(frac)})` : `step ${count(p.step)}`;
  s += text(LOSS.left, 52, `${progress} · epoch ${p.epoch} / ${p.totalEpochs} · ${p.elapsedSeconds.toFixed(1)} s${p.message ? ` · ${p.message}` : ''}`);

  if (p.loss.length) {
    const lo = Math.min(...p.loss, 0);
    const hi = Math.max(...p.loss) || 1;
    const x: Axis = { lo: p.lossSteps[0], hi: Math.max(p.lossSteps[p.lossSteps.length - 1], p.lossSteps[0] + 1), px0: LOSS.left, px1: LOSS.right };
    const y: Axis = { lo, hi: hi * 1.05, px0: LOSS.bottom, px1: LOSS.top };
    for (const t of niceTicks(y.lo, y.hi, 4)) {
      const ty = px(scale(y, t));
      s += `<path d="M${LOSS.left - 4} ${ty}H${LOSS.right}" stroke="${theme.grid}"/>` + text(LOSS.left - 6, Number(ty) + 4, sig3(t), 'text-anchor="end"');
    }
    for (const t of niceTicks(x.lo, x.hi, 4)) {
      s += text(Number(px(scale(x, t))), LOSS.bottom + 14, count(t), 'text-anchor="middle"');
    }
    s += `<path d="${linePath(p.lossSteps, p.loss, x, y)}" fill="none" stroke="${theme.accent}" stroke-width="1.5" class="tl-loss"/>`;
    s += configChangesSvg(p, x, theme);
  }
  s += `<path d="M${LOSS.left} ${LOSS.top}V${LOSS.bottom}H${LOSS.right}" fill="none" stroke="${theme.foreground}"/>`;
  s += text(LOSS.left, LOSS.bottom + 30, `loss (last ${p.loss.length ? sig3(p.loss[p.loss.length - 1]) : '–'}) vs step`);
  const now = p.config?.at(-1);
  if (now) s += text(LOSS.right, LOSS.bottom + 30, `margin ${sig3(now.margin)} · ${now.mining}`, `text-anchor="end" class="tl-config-now" data-margin="${now.margin}" data-mining="${escapeXml(now.mining)}"`);

  const f = p.fractions;
  const rows: ['easy' | 'semiHard' | 'hard', string][] = [['easy', 'easy'], ['semiHard', 'semi-hard'], ['hard', 'hard']];
  s += text(FRAC.left, FRAC.top + 4, 'triplets in the latest batch', 'font-weight="bold"');
  rows.forEach(([key, name], i) => {
    const y0 = FRAC.top + 14 + i * 24;
    const w = (FRAC.right - FRAC.left) * f[key];
    s += `<rect x="${FRAC.left}" y="${y0}" width="${px(w)}" height="10" fill="${theme[key]}" class="tl-fraction"/>`;
    s += `<rect x="${FRAC.left}" y="${y0}" width="${FRAC.right - FRAC.left}" height="10" fill="none" stroke="${theme.grid}"/>`;
    s += text(FRAC.left, y0 + 21, `${name} ${percent(f[key])}`);
  });
  s += fractionHistorySvg(p, theme);
  if (p.validation?.length) {
    const v = p.validation[p.validation.length - 1];
    s += legendItem(FRAC.left, FRAC.bottom + 30, theme.ghost, `${v.metric} ${sig3(v.value)} @ step ${count(v.step)}`).svg;
  }
  return s + '</svg>';
}

/**
 * A dashed line on the loss curve at each step where the margin or mining changed during the run,
 * labelled with what it changed to, so a jump in the loss can be read against its cause.
 */
function configChangesSvg(p: TrainingPayload, x: Axis, theme: Theme): string {
  const changes = p.config ?? [];
  let s = '';
  for (let i = 1; i < changes.length; i++) {
    const c = changes[i];
    if (c.step < x.lo || c.step > x.hi) continue;
    const prev = changes[i - 1];
    const what = [c.margin !== prev.margin ? `m ${sig3(c.margin)}` : '', c.mining !== prev.mining ? c.mining : ''].filter(Boolean).join(' · ');
    const cx = px(scale(x, c.step));
    s +=
      `<g class="tl-config-change" data-step="${c.step}" data-margin="${c.margin}" data-mining="${escapeXml(c.mining)}">` +
      `<path d="M${cx} ${LOSS.top}V${LOSS.bottom}" stroke="${theme.foreground}" stroke-opacity="0.6" stroke-dasharray="3 3"/>` +
      text(Number(cx) + 3, LOSS.top + 10 + 12 * ((i - 1) % 3), what, 'font-size="10"') +
      '</g>';
  }
  return s;
}

/** Where the fractions' history goes, under the latest batch's bars. */
const HISTORY = { left: FRAC.left, right: FRAC.right, top: FRAC.top + 112, bottom: FRAC.bottom };

/**
 * The triplet categories over training as stacked areas (hard at the bottom, then semi-hard, then
 * easy up to 100 %): a collapsed embedding shows as a wide semi-hard band, learning as easy
 * growing. Drawn once there are two points.
 */
function fractionHistorySvg(p: TrainingPayload, theme: Theme): string {
  const h = p.fractionHistory;
  const n = h ? Math.min(h.steps.length, h.easy.length, h.semiHard.length, h.hard.length) : 0;
  if (!h || n < 2) return '';
  const x: Axis = { lo: h.steps[0], hi: Math.max(h.steps[n - 1], h.steps[0] + 1), px0: HISTORY.left, px1: HISTORY.right };
  const y: Axis = { lo: 0, hi: 1, px0: HISTORY.bottom, px1: HISTORY.top };
  const bands: ['hard' | 'semiHard' | 'easy', string][] = [['hard', 'hard'], ['semiHard', 'semi-hard'], ['easy', 'easy']];
  const below = new Array<number>(n).fill(0);
  let s = text(HISTORY.left, HISTORY.top - 8, 'categories over training', 'font-weight="bold"');
  for (const [key, name] of bands) {
    const above = below.map((b, i) => Math.min(1, b + Math.max(0, h[key][i])));
    let d = '';
    for (let i = 0; i < n; i++) d += `${i ? 'L' : 'M'}${px(scale(x, h.steps[i]))} ${px(scale(y, above[i]))}`;
    for (let i = n - 1; i >= 0; i--) d += `L${px(scale(x, h.steps[i]))} ${px(scale(y, below[i]))}`;
    s += `<path d="${d}Z" fill="${theme[key]}" fill-opacity="0.8" class="tl-fraction-history" data-category="${name}"/>`;
    for (let i = 0; i < n; i++) below[i] = above[i];
  }
  s += `<path d="M${HISTORY.left} ${HISTORY.top}V${HISTORY.bottom}H${HISTORY.right}" fill="none" stroke="${theme.foreground}"/>`;
  s += text(HISTORY.left - 4, HISTORY.top + 4, '100%', 'text-anchor="end"') + text(HISTORY.left - 4, HISTORY.bottom, '0', 'text-anchor="end"');
  s += text(HISTORY.right, HISTORY.bottom + 14, `step ${count(h.steps[n - 1])}`, 'text-anchor="end"');
  return s;
}
