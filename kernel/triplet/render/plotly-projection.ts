import { encodeBase64 } from '../../../contract/payloads';
import { escapeXml } from '../../../contract/render/escape';
import type { DecodedProjection } from '../../../contract/payloads';
import { count } from '../../../contract/render/format';
import { labelColor } from '../../../contract/render/palette';
import { methodName, projectionCaption } from '../../../contract/render/projection-caption';
import type { PlotlyFigure } from './plotly-distances';
import { baseLayout, LIGHT_THEME, type Theme } from '../../../contract/render/theme';

/**
 * At most this many points go into the plotly fallback. It is a second copy of the data kept only
 * for frontends without our renderer, so it is subsampled to keep the notebook small; the title says so.
 */
export const PLOTLY_FALLBACK_MAX_POINTS = 1000;

/** Plotly's typed-array JSON form (`{dtype, bdata}`, plotly.js ≥ 2.28): little-endian float32, base64. */
function f4(values: number[]): { dtype: 'f4'; bdata: string } {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { dtype: 'f4', bdata: encodeBase64(new Uint8Array(view.buffer)) };
}

/** Evenly spaced indices: deterministic, and keeps each label's share of the points. */
export function subsample(total: number, max: number): number[] {
  if (total <= max) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * total) / max));
}

export function projectionFallbackFigure(d: DecodedProjection, theme: Theme = LIGHT_THEME, maxPoints = PLOTLY_FALLBACK_MAX_POINTS): PlotlyFigure {
  const keep = subsample(d.count, maxPoints);
  const groups = new Map<number, number[]>();
  for (const i of keep) {
    const l = d.labels[i];
    let g = groups.get(l);
    if (!g) { g = []; groups.set(l, g); }
    g.push(i);
  }
  const is3d = d.dims === 3;
  const data = Array.from(groups.keys()).sort((a, b) => a - b).map((l) => {
    const idx = groups.get(l)!;
    const axis = (a: number) => f4(idx.map((i) => d.coords[i * d.dims + a]));
    const trace: Record<string, unknown> = {
      type: is3d ? 'scatter3d' : 'scattergl', mode: 'markers', name: d.labelNames[l] ?? String(l),
      x: axis(0), y: axis(1), marker: { color: labelColor(l), size: is3d ? 2 : 4 },
    };
    if (is3d) trace.z = axis(2);
    return trace;
  });
  const note = keep.length < d.count ? ` (${count(keep.length)} of ${count(d.count)} points shown)` : ` (${count(d.count)} points)`;
  const layout: Record<string, unknown> = {
    ...baseLayout(theme, `${d.title ?? `${methodName(d.method)} projection`}${note}<br><sub>${escapeXml(projectionCaption(d))}</sub>`),
    legend: { itemsizing: 'constant' },
    margin: { l: 40, r: 16, t: 44, b: 40 },
  };
  if (!is3d) layout.yaxis = { scaleanchor: 'x', gridcolor: theme.grid };
  if (!is3d) layout.xaxis = { gridcolor: theme.grid };
  return { data, layout };
}
