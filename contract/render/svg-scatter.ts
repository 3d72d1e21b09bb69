import type { DecodedProjection } from '../payloads';
import { count } from './format';
import { labelColor } from './palette';
import { methodName, projectionCaption } from './projection-caption';
import { svgOpen, text } from './svg-frame';
import { LIGHT_THEME, type Theme } from './theme';
import { truncateText } from './truncate-text';

const SIZE = 400;
const LEFT = 16;
const TOP = 40;
const LEGEND_ROWS = 24;
const W = LEFT + SIZE + 200;
const H = TOP + SIZE + 28;

/**
 * Path data drawing one 2×2 px square per point ("h2" with a 2 px butt-capped stroke), points
 * sorted by row and joined by relative moves: a few bytes a point, so 5,000 points stay small in
 * the `.ipynb`. Points that land on the same pixel are drawn once.
 */
export function pointsPath(xs: number[], ys: number[]): string {
  const keys = new Set<number>();
  for (let i = 0; i < xs.length; i++) keys.add(ys[i] * 65536 + xs[i]);
  const sorted = Array.from(keys).sort((a, b) => a - b);
  let d = '';
  let cx = 0;
  let cy = 0;
  let first = true;
  for (const key of sorted) {
    const y = Math.floor(key / 65536);
    const x = key % 65536;
    if (first) {
      d += `M${x} ${y}h2`;
      first = false;
    } else {
      const dx = x - cx;
      const dy = y - cy;
      d += `m${dx}${dy < 0 ? '' : ' '}${dy}h2`;
    }
    cx = x + 2;
    cy = y;
  }
  return d;
}

export function projectionSvg(d: DecodedProjection, theme: Theme = LIGHT_THEME): string {
  const title = d.title ?? `${methodName(d.method)} projection`;
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (let i = 0; i < d.count; i++) {
    for (let a = 0; a < 2; a++) {
      const v = d.coords[i * d.dims + a];
      if (v < lo[a]) lo[a] = v;
      if (v > hi[a]) hi[a] = v;
    }
  }
  // Same scale on both axes: distances in the picture should mean the same in every direction.
  const span = Math.max(hi[0] - lo[0], hi[1] - lo[1]) || 1;
  const offX = (span - (hi[0] - lo[0])) / 2;
  const offY = (span - (hi[1] - lo[1])) / 2;
  const byLabel = new Map<number, { xs: number[]; ys: number[] }>();
  for (let i = 0; i < d.count; i++) {
    const l = d.labels[i];
    let g = byLabel.get(l);
    if (!g) { g = { xs: [], ys: [] }; byLabel.set(l, g); }
    const gx = Math.min(SIZE - 2, Math.floor(((d.coords[i * d.dims] - lo[0] + offX) / span) * (SIZE - 2)));
    const gy = Math.min(SIZE - 2, Math.floor(((hi[1] - d.coords[i * d.dims + 1] + offY) / span) * (SIZE - 2)));
    g.xs.push(gx);
    g.ys.push(gy);
  }
  const labels = Array.from(byLabel.keys()).sort((a, b) => a - b);
  let s = svgOpen(W, H, title, theme, 'projection');
  s += text(LEFT, 22, title, 'font-size="14" font-weight="bold"');
  s += `<rect x="${LEFT - 0.5}" y="${TOP - 0.5}" width="${SIZE + 1}" height="${SIZE + 1}" fill="none" stroke="${theme.grid}"/>`;
  s += `<g transform="translate(${LEFT} ${TOP})" fill="none" stroke-width="2">`;
  for (const l of labels) {
    const g = byLabel.get(l)!;
    s += `<path stroke="${labelColor(l)}" d="${pointsPath(g.xs, g.ys)}"/>`;
  }
  s += '</g>';
  const lx = LEFT + SIZE + 16;
  s += text(lx, TOP + 4, `${count(d.count)} points, ${labels.length} labels`, 'font-weight="bold"');
  const shown = labels.slice(0, LEGEND_ROWS);
  shown.forEach((l, row) => {
    const y = TOP + 22 + row * 16;
    s += `<rect x="${lx}" y="${y - 8}" width="9" height="9" fill="${labelColor(l)}"/>` +
      text(lx + 14, y, `${truncate(d.labelNames[l] ?? String(l))} (${count(byLabel.get(l)!.xs.length)})`);
  });
  if (labels.length > shown.length) s += text(lx, TOP + 22 + shown.length * 16, `+ ${labels.length - shown.length} more labels`);
  const axes = d.dims === 3 ? 'axes 1–2 of 3' : 'axes 1–2';
  s += text(LEFT, H - 8, `${axes} · ${projectionCaption(d)}`, `fill="${theme.ghost}"`);
  return s + '</svg>';
}

const LEGEND_NAME_CHARS = 24;

function truncate(name: string): string {
  return truncateText(name, LEGEND_NAME_CHARS);
}
