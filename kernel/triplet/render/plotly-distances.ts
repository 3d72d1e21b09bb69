import type { BinnedDistances, DistancesPayload } from '../../../contract/payloads';
import { count, sig3 } from '../../../contract/render/format';
import { semiHardBand } from '../../../contract/render/semi-hard-band';
import { baseLayout, LIGHT_THEME, type Theme } from '../../../contract/render/theme';

export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

function shares(counts: number[]): number[] {
  const n = counts.reduce((s, c) => s + c, 0) || 1;
  return counts.map((c) => Number((c / n).toPrecision(3)));
}

function centres(edges: number[]): { x: number[]; width: number[] } {
  const x: number[] = [];
  const width: number[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    x.push(Number(((edges[i] + edges[i + 1]) / 2).toPrecision(4)));
    width.push(Number((edges[i + 1] - edges[i]).toPrecision(4)));
  }
  return { x, width };
}

/** Ghost outline of an earlier histogram: a step line over the bin edges. */
function ghost(b: BinnedDistances, key: 'positive' | 'negative', theme: Theme): Record<string, unknown> {
  const s = shares(b[key]);
  return {
    type: 'scatter', mode: 'lines', line: { shape: 'hv', color: theme.ghost, dash: 'dot', width: 1 },
    x: b.binEdges, y: [...s, s[s.length - 1] ?? 0], name: `previous ${key}`, legendgroup: 'previous',
    showlegend: key === 'positive', hoverinfo: 'skip',
  };
}

/** Index of the margin line among the layout's shapes (the renderer makes it draggable). */
export const MARGIN_SHAPE_INDEX = 1;

export function distancesFigure(p: DistancesPayload, theme: Theme = LIGHT_THEME): PlotlyFigure {
  const { x, width } = centres(p.binEdges);
  const tp = p.positive.reduce((s, c) => s + c, 0);
  const tn = p.negative.reduce((s, c) => s + c, 0);
  const bar = (key: 'positive' | 'negative', name: string, color: string) => ({
    type: 'bar', x, width, y: shares(p[key]), name, marker: { color, opacity: 0.5, line: { color, width: 1 } },
    hovertemplate: `${key} %{y:.1%}<extra></extra>`,
  });
  const data: Record<string, unknown>[] = [
    bar('positive', `anchor–positive: ${count(tp)} pairs, mean ${sig3(p.meanPositive)}`, theme.positive),
    bar('negative', `anchor–negative: ${count(tn)} pairs, mean ${sig3(p.meanNegative)}`, theme.negative),
  ];
  if (p.previous) data.push(ghost(p.previous, 'positive', theme), ghost(p.previous, 'negative', theme));
  const t = p.triplets;
  data.push({
    type: 'scatter', mode: 'markers', x: [null], y: [null], marker: { color: theme.band, symbol: 'square', opacity: 0.4, size: 12 },
    name: `semi-hard zone · triplets: easy ${count(t.easy)}, semi-hard ${count(t.semiHard)}, hard ${count(t.hard)}`, hoverinfo: 'skip',
  });
  const band = semiHardBand(p);
  const title = `${p.title ?? 'Pair distances'}${p.step !== undefined ? ` — step ${count(p.step)}` : ''} · ROC AUC ${p.rocAuc.toFixed(3)}`;
  const layout = {
    ...baseLayout(theme, title),
    barmode: 'overlay',
    bargap: 0,
    xaxis: { title: { text: `${p.distance} distance` }, gridcolor: theme.grid, zeroline: false },
    yaxis: { title: { text: 'share of pairs' }, tickformat: '.0%', gridcolor: theme.grid, rangemode: 'tozero' },
    shapes: [
      { type: 'rect', xref: 'x', yref: 'paper', x0: band.from, x1: band.to, y0: 0, y1: 1, fillcolor: theme.band, opacity: 0.15, line: { width: 0 }, layer: 'below' },
      { type: 'line', xref: 'x', yref: 'paper', x0: band.to, x1: band.to, y0: 0, y1: 1, line: { color: theme.margin, width: 2, dash: 'dash' } },
    ],
    annotations: [
      { x: band.to, y: 1, xref: 'x', yref: 'paper', text: `μ₊ + margin (${sig3(p.margin)})`, showarrow: false, xanchor: 'left', yanchor: 'top', font: { color: theme.margin } },
    ],
  };
  return { data, layout };
}
