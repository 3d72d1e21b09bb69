/**
 * The tripletlab notebook renderer (VS Code `notebookRenderer` API). Thin on purpose: it keeps one
 * view per output and hands drawing to the render* functions, one per MIME type.
 */
import type { ActivationFunction, OutputItem, RendererContext } from 'vscode-notebook-renderer';
import { DISTANCES_MIME, PROJECTION_MIME, TRAINING_MIME } from '../../contract/payloads/mime';
import { renderDistances } from './render-distances';
import { renderError } from './render-error';
import { renderProjection } from './render-projection';
import { renderTraining } from './render-training';
import { ensureStyles } from './styles';
import type { RenderArgs, View } from './types';

const RENDERERS: Record<string, (args: RenderArgs) => View> = {
  [DISTANCES_MIME]: renderDistances,
  [PROJECTION_MIME]: renderProjection,
  [TRAINING_MIME]: renderTraining,
};

interface Mounted {
  mime: string;
  element: HTMLElement;
  view: View | null;
}

export const activate: ActivationFunction = (context: RendererContext<unknown>) => {
  const mounted = new Map<string, Mounted>();

  const disposeOne = (id: string) => {
    const m = mounted.get(id);
    if (!m) return;
    try { m.view?.dispose(); } catch { /* a view that fails to dispose must not block the others */ }
    mounted.delete(id);
  };

  return {
    renderOutputItem(outputItem: OutputItem, element: HTMLElement) {
      ensureStyles();
      const { id, mime } = outputItem;
      const render = RENDERERS[mime];
      try {
        if (!render) throw new Error(`Unknown MIME type; this renderer draws ${Object.keys(RENDERERS).join(', ')}.`);
        const value = outputItem.json();
        const prev = mounted.get(id);
        // update_display_data: VS Code renders the same output into the same element again.
        if (prev && prev.element === element && prev.mime === mime && prev.view) {
          prev.view.update(value);
          return;
        }
        disposeOne(id);
        const view = render({ container: element, value, context, outputId: id });
        mounted.set(id, { mime, element, view });
      } catch (error) {
        disposeOne(id);
        renderError(element, mime, error);
        mounted.set(id, { mime, element, view: null });
      }
    },
    disposeOutputItem(id?: string) {
      if (id === undefined) for (const key of [...mounted.keys()]) disposeOne(key);
      else disposeOne(id);
    },
  };
};
