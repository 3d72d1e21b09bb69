/**
 * Training progress. `update_display_data` makes VS Code render the same output again; the view
 * keeps its element and swaps only the drawing inside it in one synchronous step, so the frame
 * never shows an empty output.
 */
import { validateTrainingPayload } from '../../contract/payloads';
import { trainingSummary } from '../../contract/render/summary';
import { trainingSvg } from '../../contract/render/svg-training';
import { readTheme } from './theme';
import type { RenderArgs, View } from './types';

export function renderTraining({ container, value }: RenderArgs): View {
  const root = document.createElement('div');
  root.className = 'tl-view tl-training-view';
  root.setAttribute('aria-live', 'polite');
  container.replaceChildren(root);
  const draw = (v: unknown) => {
    const p = validateTrainingPayload(v);
    const holder = document.createElement('div');
    holder.innerHTML = trainingSvg(p, readTheme());
    const svg = holder.firstElementChild!;
    svg.setAttribute('aria-label', trainingSummary(p));
    const old = root.querySelector('svg');
    if (old) old.replaceWith(svg);
    else root.appendChild(svg);
    root.dataset.step = String(p.step);
    root.dataset.status = p.status;
  };
  draw(value);
  return {
    update: draw,
    dispose() {
      root.remove();
    },
  };
}
