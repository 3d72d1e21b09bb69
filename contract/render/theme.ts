import { BAND_COLOR, CATEGORY_COLORS, MARGIN_COLOR, PAIR_COLORS } from './palette';

/** Colours a figure is drawn with; the renderer fills it from VS Code's theme variables. */
export interface Theme {
  foreground: string;
  background: string;
  grid: string;
  positive: string;
  negative: string;
  band: string;
  margin: string;
  ghost: string;
  easy: string;
  semiHard: string;
  hard: string;
  accent: string;
}

export const LIGHT_THEME: Theme = {
  foreground: '#333333',
  background: '#ffffff',
  grid: '#e5e5e5',
  positive: PAIR_COLORS.positive,
  negative: PAIR_COLORS.negative,
  band: BAND_COLOR,
  margin: MARGIN_COLOR,
  ghost: '#999999',
  easy: CATEGORY_COLORS.easy,
  semiHard: CATEGORY_COLORS.semiHard,
  hard: CATEGORY_COLORS.hard,
  accent: '#0072B2',
};

export function baseLayout(theme: Theme, title: string): Record<string, unknown> {
  return {
    title: { text: title, font: { size: 14 } },
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    font: { color: theme.foreground, family: 'sans-serif', size: 11 },
    margin: { l: 52, r: 16, t: 44, b: 44 },
    legend: { orientation: 'h', y: -0.2 },
  };
}
