import { escapeXml } from './escape';
import type { Theme } from './theme';

/**
 * Opens a standalone SVG with an opaque background, so it reads on dark GitHub/nbviewer pages too.
 * `data` attributes carry what the interactive renderer needs to map pixels back to values.
 */
export function svgOpen(width: number, height: number, title: string, theme: Theme, kind: string, data = ''): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11" fill="${theme.foreground}" class="tl-${kind}"${data ? ` ${data}` : ''}>` +
    `<title>${escapeXml(title)}</title><rect width="${width}" height="${height}" fill="${theme.background}"/>`
  );
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** Legend swatch + label at (x, y); returns the markup and the x after it. */
export function legendItem(x: number, y: number, color: string, label: string, dashed = false): { svg: string; next: number } {
  const swatch = dashed
    ? `<path d="M${x} ${y - 4}h14" stroke="${color}" stroke-width="2" stroke-dasharray="3 2"/>`
    : `<rect x="${x}" y="${y - 9}" width="12" height="10" fill="${color}" fill-opacity="0.35" stroke="${color}"/>`;
  return { svg: swatch + text(x + 18, y, label), next: x + 18 + label.length * 6.2 + 14 };
}

export interface Axis {
  lo: number;
  hi: number;
  px0: number;
  px1: number;
}

export function scale(a: Axis, v: number): number {
  return a.hi > a.lo ? a.px0 + ((v - a.lo) / (a.hi - a.lo)) * (a.px1 - a.px0) : (a.px0 + a.px1) / 2;
}

/** One decimal place of pixels is below what any screen shows and keeps paths short. */
export function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}
