/** Pure drawing of payloads (SVG strings, text summaries, colours): the same figures in the kernel's fallback and in the renderer. */
export { distancesSvg } from './svg-histogram';
export { projectionSvg } from './svg-scatter';
export { trainingSvg } from './svg-training';
export { distancesSummary, projectionSummary, trainingSummary } from './summary';
export { semiHardBand, marginAt, BAND_CAPTION } from './semi-hard-band';
export { escapeXml } from './escape';
export { LIGHT_THEME, baseLayout, type Theme } from './theme';
export { labelColor, LABEL_COLORS } from './palette';
