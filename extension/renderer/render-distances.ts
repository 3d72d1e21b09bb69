/**
 * Distance histogram: the same SVG as the static fallback (one drawing code path), themed, plus
 * hover read-outs per bin and a draggable margin line that proposes a new margin to the kernel.
 */
import { validateDistancesPayload, type DistancesPayload } from '../../contract/payloads';
import type { RendererToExtensionMessage } from '../../contract/payloads/renderer-messages';
import { isExtensionToRendererMessage } from '../../contract/payloads/renderer-messages';
import { count, percent, sig3 } from '../../contract/render/format';
import { BAND_CAPTION, marginAt, semiHardBand } from '../../contract/render/semi-hard-band';
import { distancesSvg } from '../../contract/render/svg-histogram';
import { readTheme } from './theme';
import { Tooltip } from './tooltip';
import type { RenderArgs, View } from './types';

const SVG_NS = 'http://www.w3.org/2000/svg';

interface Mapping {
  lo: number;
  hi: number;
  px0: number;
  px1: number;
}

function mappingOf(svg: SVGSVGElement): Mapping {
  const n = (k: string) => Number(svg.dataset[k]);
  return { lo: n('lo'), hi: n('hi'), px0: n('px0'), px1: n('px1') };
}

const toPx = (m: Mapping, v: number) => m.px0 + ((v - m.lo) / (m.hi - m.lo || 1)) * (m.px1 - m.px0);
const toValue = (m: Mapping, x: number) => m.lo + ((x - m.px0) / (m.px1 - m.px0)) * (m.hi - m.lo);

export function renderDistances({ container, value, context, outputId }: RenderArgs): View {
  const root = document.createElement('div');
  root.className = 'tl-view tl-distances-view';
  container.replaceChildren(root);
  let payload: DistancesPayload = validateDistancesPayload(value);
  let margin = payload.margin;
  let svg: SVGSVGElement;
  let tooltip: Tooltip;

  const setLine = (m: number) => {
    margin = m;
    const map = mappingOf(svg);
    const band = semiHardBand({ meanPositive: payload.meanPositive, margin: m });
    const x = Math.round(toPx(map, Math.min(map.hi, band.to)) * 10) / 10;
    const line = svg.querySelector('.tl-margin')!;
    const d = line.getAttribute('d')!.replace(/^M[-\d.]+/, `M${x}`);
    line.setAttribute('d', d);
    svg.querySelector('.tl-drag')?.setAttribute('d', d);
    const b0 = toPx(map, band.from);
    svg.querySelector('.tl-band')?.setAttribute('width', String(Math.max(0, x - b0)));
    const label = svg.querySelector('.tl-margin-label');
    if (label) {
      label.setAttribute('x', String(x + 4));
      label.textContent = `μ₊ + margin (${sig3(m)})`;
    }
    root.dataset.margin = String(m);
  };

  const commit = () => {
    const msg: RendererToExtensionMessage = { type: 'setMargin', value: margin, outputId };
    context.postMessage?.(msg);
  };

  const draw = () => {
    root.replaceChildren();
    root.insertAdjacentHTML('beforeend', distancesSvg({ ...payload, margin }, readTheme()));
    svg = root.querySelector('svg')!;
    tooltip = new Tooltip(root);
    const caption = document.createElement('p');
    caption.className = 'tl-caption';
    caption.textContent = `${BAND_CAPTION} Drag the dashed line (or focus it and use ←/→) to try another margin.`;
    root.appendChild(caption);
    addBinHover();
    addDrag();
    root.dataset.margin = String(margin);
  };

  const addBinHover = () => {
    const map = mappingOf(svg);
    const edges = payload.binEdges;
    const tp = payload.positive.reduce((s, c) => s + c, 0) || 1;
    const tn = payload.negative.reduce((s, c) => s + c, 0) || 1;
    const frame = svg.querySelector('.tl-band')!;
    const top = Number(frame.getAttribute('y'));
    const height = Number(frame.getAttribute('height'));
    const group = document.createElementNS(SVG_NS, 'g');
    group.setAttribute('fill', 'transparent');
    for (let i = 0; i + 1 < edges.length; i++) {
      const r = document.createElementNS(SVG_NS, 'rect');
      const x0 = toPx(map, edges[i]);
      r.setAttribute('x', String(x0));
      r.setAttribute('y', String(top));
      r.setAttribute('width', String(Math.max(0.5, toPx(map, edges[i + 1]) - x0)));
      r.setAttribute('height', String(height));
      r.setAttribute('class', 'tl-bin');
      const pos = payload.positive[i];
      const neg = payload.negative[i];
      const text = `${sig3(edges[i])} – ${sig3(edges[i + 1])}\nanchor–positive ${count(pos)} (${percent(pos / tp)})\nanchor–negative ${count(neg)} (${percent(neg / tn)})`;
      r.addEventListener('pointermove', (e) => {
        const box = root.getBoundingClientRect();
        tooltip.show(text, e.clientX - box.left, e.clientY - box.top);
      });
      r.addEventListener('pointerleave', () => tooltip.hide());
      group.appendChild(r);
    }
    svg.appendChild(group);
  };

  const addDrag = () => {
    const line = svg.querySelector('.tl-margin') as SVGPathElement;
    line.setAttribute('pointer-events', 'none');
    const hit = document.createElementNS(SVG_NS, 'path');
    hit.setAttribute('d', line.getAttribute('d')!);
    hit.setAttribute('stroke', 'transparent');
    hit.setAttribute('stroke-width', '14');
    hit.setAttribute('class', 'tl-drag');
    hit.setAttribute('tabindex', '0');
    hit.setAttribute('role', 'slider');
    hit.setAttribute('aria-label', 'margin');
    svg.appendChild(hit);
    svg.appendChild(line);
    const map = mappingOf(svg);
    const marginFromClient = (clientX: number, clientY: number) => {
      const ctm = svg.getScreenCTM();
      if (!ctm) return margin;
      const pt = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
      const x = Math.min(map.px1, Math.max(map.px0, pt.x));
      return Number(marginAt(toValue(map, x), payload.meanPositive).toPrecision(3));
    };
    let dragging = false;
    hit.addEventListener('pointerdown', (e) => {
      dragging = true;
      root.classList.add('tl-dragging');
      hit.setPointerCapture?.(e.pointerId);
      e.preventDefault();
    });
    hit.addEventListener('pointermove', (e) => {
      if (dragging) setLine(marginFromClient(e.clientX, e.clientY));
    });
    const end = (e: PointerEvent) => {
      if (!dragging) return;
      dragging = false;
      root.classList.remove('tl-dragging');
      setLine(marginFromClient(e.clientX, e.clientY));
      commit();
    };
    hit.addEventListener('pointerup', end);
    hit.addEventListener('pointercancel', end);
    hit.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const step = (map.hi - map.lo) / 100;
      setLine(Number(Math.max(0, margin + (e.key === 'ArrowRight' ? step : -step)).toPrecision(3)));
      commit();
      e.preventDefault();
    });
  };

  const subscription = context.onDidReceiveMessage?.((msg: unknown) => {
    if (isExtensionToRendererMessage(msg) && (msg.outputId === undefined || msg.outputId === outputId)) setLine(msg.value);
  });

  draw();
  return {
    update(next: unknown) {
      payload = validateDistancesPayload(next);
      margin = payload.margin;
      draw();
    },
    dispose() {
      subscription?.dispose();
      root.remove();
    },
  };
}
