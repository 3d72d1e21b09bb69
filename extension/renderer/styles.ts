const CSS = `
.tl-view { font-family: var(--vscode-font-family, sans-serif); font-size: 12px; color: var(--vscode-editor-foreground, #333); position: relative; max-width: 980px; }
.tl-view svg { width: 100%; height: auto; display: block; }
.tl-caption { margin: 4px 0 0; opacity: 0.8; font-size: 11px; }
.tl-tooltip { position: absolute; pointer-events: none; padding: 3px 6px; border-radius: 3px; font-size: 11px; white-space: pre;
  background: var(--vscode-editorHoverWidget-background, #fff); color: var(--vscode-editorHoverWidget-foreground, #333);
  border: 1px solid var(--vscode-editorHoverWidget-border, #999); z-index: 2; }
.tl-drag { cursor: ew-resize; }
.tl-drag:focus { outline: none; }
.tl-drag:focus-visible + .tl-margin, .tl-dragging .tl-margin { stroke-width: 3; }
.tl-error { border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100); background: var(--vscode-inputValidation-errorBackground, #f2dede);
  color: var(--vscode-errorForeground, #a1260d); padding: 6px 8px; white-space: pre-wrap; font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
.tl-toolbar { display: flex; gap: 8px; align-items: center; margin-bottom: 4px; flex-wrap: wrap; }
.tl-toolbar .tl-title { font-weight: bold; font-size: 14px; margin-right: auto; }
.tl-toolbar button { font: inherit; color: var(--vscode-button-secondaryForeground, #333); background: var(--vscode-button-secondaryBackground, #e5e5e5);
  border: 1px solid var(--vscode-contrastBorder, transparent); padding: 2px 8px; border-radius: 2px; cursor: pointer; }
.tl-toolbar button[aria-pressed="true"] { background: var(--vscode-button-background, #0072B2); color: var(--vscode-button-foreground, #fff); }
.tl-body { display: flex; gap: 12px; align-items: flex-start; }
.tl-canvas-wrap { position: relative; flex: 1 1 auto; min-width: 240px; }
.tl-canvas-wrap canvas { display: block; width: 100%; height: 420px; cursor: crosshair; border: 1px solid var(--vscode-editorWidget-border, #ccc); box-sizing: border-box; }
.tl-legend { list-style: none; margin: 0; padding: 0; max-height: 420px; overflow-y: auto; flex: 0 0 auto; min-width: 120px; }
.tl-legend li { display: flex; align-items: center; gap: 6px; cursor: pointer; padding: 1px 2px; user-select: none; }
.tl-legend li[aria-checked="false"] { opacity: 0.4; }
.tl-legend .tl-swatch { width: 10px; height: 10px; flex: 0 0 10px; }
.tl-status { margin-top: 4px; font-size: 11px; min-height: 1.3em; }
body.vscode-high-contrast .tl-canvas-wrap canvas, body.vscode-high-contrast-light .tl-canvas-wrap canvas { border-color: var(--vscode-contrastBorder, #fff); }
`;

let injected = false;

/** One style element per webview, shared by every output. */
export function ensureStyles(): void {
  if (injected && document.getElementById('tripletlab-styles')) return;
  const style = document.createElement('style');
  style.id = 'tripletlab-styles';
  style.textContent = CSS;
  document.head.appendChild(style);
  injected = true;
}
