/**
 * Inline error box for a payload the renderer cannot draw: says what is wrong instead of leaving
 * a blank output. Text only (textContent), so a hostile payload cannot inject markup through it.
 */
export function renderError(container: HTMLElement, mime: string, error: unknown): void {
  const box = document.createElement('div');
  box.className = 'tl-error';
  box.setAttribute('role', 'alert');
  const message = error instanceof Error ? error.message : String(error);
  box.textContent = `tripletlab: cannot draw this ${mime} output.\n${message}`;
  container.replaceChildren(box);
}
