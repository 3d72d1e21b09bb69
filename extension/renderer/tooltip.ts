/** A hover tooltip positioned inside `host` (which must be position: relative). */
export class Tooltip {
  private readonly el: HTMLDivElement;
  constructor(host: HTMLElement) {
    this.el = document.createElement('div');
    this.el.className = 'tl-tooltip';
    this.el.hidden = true;
    host.appendChild(this.el);
  }
  show(text: string, x: number, y: number): void {
    this.el.textContent = text;
    this.el.hidden = false;
    const host = this.el.parentElement!;
    const w = this.el.offsetWidth;
    const left = x + 12 + w > host.clientWidth ? x - 12 - w : x + 12;
    this.el.style.left = `${Math.max(0, left)}px`;
    this.el.style.top = `${Math.max(0, y + 12)}px`;
  }
  hide(): void {
    this.el.hidden = true;
  }
}
