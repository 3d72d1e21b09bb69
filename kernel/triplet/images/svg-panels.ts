import { escapeXml } from '../../../contract/render/escape';
import { TripletInputError } from '../validation/errors';

/** One figure of a row of panels: an SVG document, with an optional caption drawn above it. */
export type SvgPanel = string | { svg: string; caption?: string };

export interface SvgPanelsOptions {
  /** Panels per row (default: all in one row). */
  columns?: number;
  /** Width each panel is drawn at, its height scaled to match (default: the panel's own width). */
  panelWidth?: number;
  /** Space between panels in pixels (default 12). */
  gap?: number;
  /** Alt text where the picture is not shown (default: "N panels"). */
  title?: string;
}

export interface SvgPanels {
  /** One SVG document holding every panel. */
  svg: string;
  width: number;
  height: number;
  [key: symbol]: unknown;
}

const FN = 'svgPanels';
const CAPTION = 22;

/** The width and height attributes of an SVG's root element, in pixels. */
function rootSize(svg: string, where: string): { width: number; height: number } {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0];
  const size = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)(?:px)?"`).exec(open ?? '')?.[1]);
  const width = size('width');
  const height = size('height');
  if (!open || !(width > 0) || !(height > 0)) {
    throw new TripletInputError(where, FN, open ? 'has no numeric width and height on its <svg> element' : 'is not an SVG document',
      'Pass SVG markup whose root element has width="…" and height="…" in pixels, such as the image/svg+xml of triplet.trainingBundle(…).');
  }
  return { width, height };
}

/**
 * Several SVG figures side by side in one SVG (training views of runs to compare, the same picture
 * at several settings), each scaled to `panelWidth` and captioned. One picture rather than several
 * outputs, so it reads side by side on GitHub and in every notebook viewer. As a cell's value it
 * shows as image/svg+xml.
 */
export function svgPanels(panels: SvgPanel[], options: SvgPanelsOptions = {}): SvgPanels {
  if (!Array.isArray(panels) || panels.length === 0) {
    throw new TripletInputError('panels', FN, 'is empty or not an array', 'Pass an array of SVG strings, or of { svg, caption } objects.');
  }
  const items = panels.map((p, i) => {
    const svg = typeof p === 'string' ? p : p?.svg;
    if (typeof svg !== 'string') throw new TripletInputError(`panels[${i}]`, FN, 'is neither an SVG string nor { svg, caption }', 'Pass the SVG markup as a string.');
    return { svg: svg.replace(/^\s*<\?xml[^>]*\?>/, ''), caption: typeof p === 'string' ? undefined : p.caption, ...rootSize(svg, `panels[${i}]`) };
  });
  const columns = options.columns ?? items.length;
  const gap = options.gap ?? 12;
  for (const [name, v, min] of [['columns', columns, 1], ['gap', gap, 0]] as const) {
    if (!Number.isInteger(v) || v < min) throw new TripletInputError(`options.${name}`, FN, `is ${v}`, `Use an integer ≥ ${min}.`);
  }
  if (options.panelWidth !== undefined && !(options.panelWidth > 0)) {
    throw new TripletInputError('options.panelWidth', FN, `is ${options.panelWidth}`, 'Use a width in pixels greater than 0, e.g. 420.');
  }
  const captioned = items.some((p) => p.caption !== undefined);
  const drawn = items.map((p) => {
    const width = options.panelWidth ?? p.width;
    return { ...p, drawnWidth: width, drawnHeight: Math.round((p.height * width * 10) / p.width) / 10 };
  });
  const rows = Math.ceil(drawn.length / columns);
  const colWidth = Array.from({ length: columns }, (_, c) => Math.max(0, ...drawn.filter((_, i) => i % columns === c).map((p) => p.drawnWidth)));
  const rowHeight = Array.from({ length: rows }, (_, r) => Math.max(...drawn.slice(r * columns, (r + 1) * columns).map((p) => p.drawnHeight)) + (captioned ? CAPTION : 0));
  const x0 = colWidth.map((_, c) => colWidth.slice(0, c).reduce((s, w) => s + w + gap, 0));
  const y0 = rowHeight.map((_, r) => rowHeight.slice(0, r).reduce((s, h) => s + h + gap, 0));
  const width = Math.ceil(colWidth.reduce((s, w) => s + w, 0) + gap * (columns - 1));
  const height = Math.ceil(rowHeight.reduce((s, h) => s + h, 0) + gap * (rows - 1));
  const title = options.title ?? `${items.length} panels`;
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
    `<title>${escapeXml(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>`;
  drawn.forEach((p, i) => {
    const x = x0[i % columns];
    let y = y0[Math.floor(i / columns)];
    if (captioned) {
      if (p.caption) svg += `<text x="${x + 4}" y="${y + 15}" font-size="13" font-weight="bold" fill="#333333">${escapeXml(p.caption)}</text>`;
      y += CAPTION;
    }
    // A nested <svg> with the panel's own size as its viewBox scales the panel, markup unchanged.
    svg += `<svg x="${x}" y="${y}" width="${p.drawnWidth}" height="${p.drawnHeight}" viewBox="0 0 ${p.width} ${p.height}">${p.svg}</svg>`;
  });
  svg += '</svg>';
  return { svg, width, height, [Symbol.for('Jupyter.display')]: () => ({ 'image/svg+xml': svg, 'text/plain': `[${title}]` }) };
}
