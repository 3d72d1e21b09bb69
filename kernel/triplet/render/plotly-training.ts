import type { TrainingPayload } from '../../../contract/payloads';
import { count, percent } from '../../../contract/render/format';
import type { PlotlyFigure } from './plotly-distances';
import { baseLayout, LIGHT_THEME, type Theme } from '../../../contract/render/theme';

/** Loss curve (left) and triplet category fractions over steps (right, stacked to 100%). */
export function trainingFigure(p: TrainingPayload, theme: Theme = LIGHT_THEME): PlotlyFigure {
  const data: Record<string, unknown>[] = [
    { type: 'scatter', mode: 'lines', x: p.lossSteps, y: p.loss, name: 'loss', line: { color: theme.accent, width: 1.5 }, xaxis: 'x', yaxis: 'y' },
  ];
  for (const v of groupValidation(p)) {
    data.push({ type: 'scatter', mode: 'lines+markers', x: v.steps, y: v.values, name: v.metric, xaxis: 'x', yaxis: 'y3' });
  }
  const cats = [['easy', 'easy', theme.easy], ['semiHard', 'semi-hard', theme.semiHard], ['hard', 'hard', theme.hard]] as const;
  const h = p.fractionHistory;
  for (const [key, name, color] of cats) {
    const xs = h ? h.steps : [p.step];
    const ys = h ? h[key] : [p.fractions[key]];
    data.push({
      type: 'scatter', mode: 'lines', stackgroup: 'fractions', x: xs, y: ys, name: `${name} ${percent(p.fractions[key])}`,
      line: { color, width: 1 }, fillcolor: color, xaxis: 'x2', yaxis: 'y2',
    });
  }
  const progress = p.totalSteps > 0 ? `${count(p.step)} / ${count(p.totalSteps)} steps (${percent(p.step / p.totalSteps)})` : `${count(p.step)} steps`;
  const title = `Training ${p.status} — ${progress}, epoch ${p.epoch} / ${p.totalEpochs}, ${p.elapsedSeconds.toFixed(1)} s${p.message ? ` — ${p.message}` : ''}`;
  const layout: Record<string, unknown> = {
    ...baseLayout(theme, title),
    xaxis: { domain: [0, 0.55], title: { text: 'step' }, gridcolor: theme.grid },
    yaxis: { title: { text: 'loss' }, gridcolor: theme.grid, rangemode: 'tozero' },
    xaxis2: { domain: [0.65, 1], title: { text: 'step' }, gridcolor: theme.grid, anchor: 'y2' },
    yaxis2: { title: { text: 'share of triplets' }, range: [0, 1], tickformat: '.0%', gridcolor: theme.grid, anchor: 'x2' },
  };
  if (data.some((t) => t.yaxis === 'y3')) layout.yaxis3 = { overlaying: 'y', side: 'right', showgrid: false };
  return { data, layout };
}

function groupValidation(p: TrainingPayload): { metric: string; steps: number[]; values: number[] }[] {
  const by = new Map<string, { metric: string; steps: number[]; values: number[] }>();
  for (const v of p.validation ?? []) {
    let g = by.get(v.metric);
    if (!g) { g = { metric: v.metric, steps: [], values: [] }; by.set(v.metric, g); }
    g.steps.push(v.step);
    g.values.push(v.value);
  }
  return Array.from(by.values());
}
