/**
 * Uniform-grid index over screen positions, rebuilt after each draw: hover and click look at a
 * few cells instead of every point, so picking stays instant at 50,000 points.
 */
const CELL = 8;

export class PickGrid {
  private cols = 0;
  private rows = 0;
  private start = new Int32Array(1);
  private items = new Int32Array(0);
  private sx = new Float32Array(0);
  private sy = new Float32Array(0);

  build(sx: Float32Array, sy: Float32Array, include: (i: number) => boolean, count: number, width: number, height: number): void {
    this.sx = sx;
    this.sy = sy;
    this.cols = Math.max(1, Math.ceil(width / CELL));
    this.rows = Math.max(1, Math.ceil(height / CELL));
    const cells = this.cols * this.rows;
    const cellOf = new Int32Array(count).fill(-1);
    const counts = new Int32Array(cells + 1);
    for (let i = 0; i < count; i++) {
      if (!include(i)) continue;
      const c = Math.floor(sx[i] / CELL), r = Math.floor(sy[i] / CELL);
      if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) continue;
      const cell = r * this.cols + c;
      cellOf[i] = cell;
      counts[cell + 1]++;
    }
    for (let k = 0; k < cells; k++) counts[k + 1] += counts[k];
    this.start = counts.slice();
    this.items = new Int32Array(counts[cells]);
    const fill = counts;
    for (let i = 0; i < count; i++) {
      const cell = cellOf[i];
      if (cell >= 0) this.items[fill[cell]++] = i;
    }
  }

  /** Index of the nearest point within `radius` CSS pixels of (x, y), or -1. */
  nearest(x: number, y: number, radius = 6): number {
    let best = -1;
    let bestD = radius * radius;
    const c0 = Math.max(0, Math.floor((x - radius) / CELL)), c1 = Math.min(this.cols - 1, Math.floor((x + radius) / CELL));
    const r0 = Math.max(0, Math.floor((y - radius) / CELL)), r1 = Math.min(this.rows - 1, Math.floor((y + radius) / CELL));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        for (let k = this.start[cell]; k < this.start[cell + 1]; k++) {
          const i = this.items[k];
          const dx = this.sx[i] - x, dy = this.sy[i] - y;
          const d = dx * dx + dy * dy;
          if (d <= bestD) { bestD = d; best = i; }
        }
      }
    }
    return best;
  }
}
