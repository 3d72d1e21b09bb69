/**
 * Messages between the notebook renderer and the extension host, as tagged unions (the way
 * vscode-jupyter's renderer communication is typed). No DOM and no vscode types: both sides import it.
 */

/** Renderer → extension: the user dragged the margin line of a distance histogram to `value`. */
export interface SetMarginMessage {
  type: 'setMargin';
  value: number;
  /** Output item id of the histogram the drag happened in. */
  outputId?: string;
}

export type RendererToExtensionMessage = SetMarginMessage;

/** Extension → renderer: the kernel accepted (or clamped) a margin; the line moves to `value`. */
export interface MarginAppliedMessage {
  type: 'marginApplied';
  value: number;
  outputId?: string;
}

export type ExtensionToRendererMessage = MarginAppliedMessage;

export function isRendererToExtensionMessage(x: unknown): x is RendererToExtensionMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return m.type === 'setMargin' && typeof m.value === 'number' && Number.isFinite(m.value) && (m.outputId === undefined || typeof m.outputId === 'string');
}

export function isExtensionToRendererMessage(x: unknown): x is ExtensionToRendererMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return m.type === 'marginApplied' && typeof m.value === 'number' && Number.isFinite(m.value) && (m.outputId === undefined || typeof m.outputId === 'string');
}
