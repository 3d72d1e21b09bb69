import type { BinnedDistances, DistancesPayload } from '../payloads';
import { count, niceTicks, sig3 } from './format';
import { semiHardBand } from './semi-hard-band';
import { legendItem, px, scale, svgOpen, text, type Axis } from './svg-frame';
import { LIGHT_THEME, type Theme } from './theme';

const W = 640;
const H = 330;
const PLOT = { left: 52, right: W - 16, top: 34, bottom: H - 82 };

function total(counts: number[]): number {
  return counts.reduce((s, c) => s + c, 0);
}

/** Step outline of a histogram, heights as the share of all pairs of that kind, so positives (few) and negatives (many) compare. */
function stepPath(edges: number[], counts: number[], x: Axis, y: Axis): string {
  const n = total(counts) || 1;
  let d = `M${px(scale(x, edges[0]))} ${px(scale(y, 0))}`;
  for (let i = 0; i < counts.length; i++) {
    d += `V${px(scale(y, counts[i] / n))}H${px(scale(x, edges[i + 1]))}`;
  }
  return d + `V${px(scale(y, 0))}`;
}

function maxShare(b: BinnedDistances): number {
  const tp = total(b.positive) || 1;
  const tn = total(b.negative) || 1;
  return Math.max(...b.positive.map((c) => c / tp), ...b.negative.map((c) => c / tn), 0);
}

export function distancesSvg(p: DistancesPayload, theme: Theme = LIGHT_THEME): string {
  const title = `${p.title ?? 'Pair distances'}${p.step !== undefined ? ` — step ${count(p.step)}` : ''}`;
  const band = semiHardBand(p);
  const edges = p.binEdges;
  let lo = Math.min(edges[0], band.from);
  let hi = Math.max(edges[edges.length - 1], band.to);
  if (p.previous) {
    lo = Math.min(lo, p.previous.binEdges[0]);
    hi = Math.max(hi, p.previous.binEdges[p.previous.binEdges.length - 1]);
  }
  const x: Axis = { lo, hi, px0: PLOT.left, px1: PLOT.right };
  const top = Math.max(maxShare(p), p.previous ? maxShare(p.previous) : 0) * 1.08 || 1;
  const y: Axis = { lo: 0, hi: top, px0: PLOT.bottom, px1: PLOT.top };

  let s = svgOpen(W, H, title, theme, 'distances', `data-lo="${lo}" data-hi="${hi}" data-px0="${PLOT.left}" data-px1="${PLOT.right}" data-mean-positive="${p.meanPositive}"`);
  s += text(PLOT.left, 20, title, 'font-size="14" font-weight="bold"');
  const b0 = scale(x, band.from);
  const b1 = scale(x, band.to);
  s += `<rect x="${px(b0)}" y="${PLOT.top}" width="${px(Math.max(0, b1 - b0))}" height="${PLOT.bottom - PLOT.top}" fill="${theme.band}" fill-opacity="0.15" class="tl-band"/>`;
  for (const t of niceTicks(lo, hi)) {
    const tx = px(scale(x, t));
    s += `<path d="M${tx} ${PLOT.bottom}v4" stroke="${theme.foreground}"/>` + text(Number(tx), PLOT.bottom + 16, sig3(t), 'text-anchor="middle"');
  }
  for (const t of niceTicks(0, top, 4)) {
    const ty = px(scale(y, t));
    s += `<path d="M${PLOT.left - 4} ${ty}H${PLOT.right}" stroke="${theme.grid}"/>` + text(PLOT.left - 6, Number(ty) + 4, `${Math.round(t * 100)}%`, 'text-anchor="end"');
  }
  s += `<path d="M${PLOT.left} ${PLOT.top}V${PLOT.bottom}H${PLOT.right}" fill="none" stroke="${theme.foreground}"/>`;
  if (p.previous) {
    const pe = p.previous.binEdges;
    for (const key of ['positive', 'negative'] as const) {
      s += `<path d="${stepPath(pe, p.previous[key], x, y)}" fill="none" stroke="${theme.ghost}" stroke-dasharray="3 3"/>`;
    }
  }
  for (const key of ['positive', 'negative'] as const) {
    s += `<path d="${stepPath(edges, p[key], x, y)}" fill="${theme[key]}" fill-opacity="0.25" stroke="${theme[key]}" stroke-width="1.5" class="tl-${key}"/>`;
  }
  const mx = px(b1);
  s += `<path d="M${mx} ${PLOT.top}V${PLOT.bottom}" stroke="${theme.margin}" stroke-width="1.5" stroke-dasharray="6 3" class="tl-margin"/>`;
  s += text(Number(mx) + 4, PLOT.top + 10, `μ₊ + margin (${sig3(p.margin)})`, `fill="${theme.margin}" class="tl-margin-label"`);
  s += text((PLOT.left + PLOT.right) / 2, PLOT.bottom + 32, `${p.distance} distance · share of pairs per bin · ROC AUC ${p.rocAuc.toFixed(3)}`, 'text-anchor="middle"');

  const tp = total(p.positive);
  const tn = total(p.negative);
  const t = p.triplets;
  let lx = PLOT.left;
  const ly = H - 26;
  for (const item of [
    legendItem(lx, ly, theme.positive, `anchor–positive (${count(tp)} pairs, mean ${sig3(p.meanPositive)})`),
  ]) { s += item.svg; lx = item.next; }
  const neg = legendItem(lx, ly, theme.negative, `anchor–negative (${count(tn)} pairs, mean ${sig3(p.meanNegative)})`);
  s += neg.svg;
  let lx2 = PLOT.left;
  const ly2 = H - 8;
  const bandItem = legendItem(lx2, ly2, theme.band, `semi-hard zone · triplets: easy ${count(t.easy)}, semi-hard ${count(t.semiHard)}, hard ${count(t.hard)}`);
  s += bandItem.svg;
  lx2 = bandItem.next;
  if (p.previous) s += legendItem(lx2, ly2, theme.ghost, 'previous', true).svg;
  return s + '</svg>';
}
