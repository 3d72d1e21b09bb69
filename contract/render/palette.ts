/**
 * Colours shared by the static fallbacks and the interactive renderer. Okabe & Ito (2008)
 * colour-blind-safe colours for the pair and triplet categories; Tableau 10 for class labels.
 */
export const PAIR_COLORS = { positive: '#0072B2', negative: '#D55E00' } as const;
export const CATEGORY_COLORS = { easy: '#009E73', semiHard: '#E69F00', hard: '#CC79A7' } as const;
export const BAND_COLOR = '#E69F00';
export const MARGIN_COLOR = '#555555';
export const LABEL_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function labelColor(label: number): string {
  if (label < LABEL_COLORS.length) return LABEL_COLORS[label];
  // Beyond ten classes: spread hues by the golden angle so neighbouring ids stay distinguishable.
  const hue = Math.round((label * 137.508) % 360);
  return `hsl(${hue},55%,50%)`;
}
