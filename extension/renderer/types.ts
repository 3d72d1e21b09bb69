import type { RendererContext } from 'vscode-notebook-renderer';

/** What each `render*` function receives: where to draw, the output's JSON value, the renderer context. */
export interface RenderArgs {
  container: HTMLElement;
  value: unknown;
  context: RendererContext<unknown>;
  outputId: string;
}

/** A drawn output. `update` redraws in place when VS Code renders the same output element again (update_display_data). */
export interface View {
  update(value: unknown): void;
  dispose(): void;
}
