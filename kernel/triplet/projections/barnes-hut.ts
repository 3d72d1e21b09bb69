/** Deeper than this, coincident points share a leaf instead of splitting forever. */
const MAX_DEPTH = 40;

/**
 * A quadtree over 2-d points for t-SNE's repulsive forces (Barnes & Hut 1986; van der Maaten,
 * "Accelerating t-SNE using tree-based algorithms", JMLR 2014). Nodes live in flat typed arrays
 * that are reused between iterations; each holds its points' count and centre of mass.
 */
export class QuadTree {
  private capacity = 0;
  private nodes = 0;
  /** First of four children, or −1 for a leaf. */
  private child = new Int32Array(0);
  private count = new Float64Array(0);
  private comX = new Float64Array(0);
  private comY = new Float64Array(0);
  private midX = new Float64Array(0);
  private midY = new Float64Array(0);
  private half = new Float64Array(0);
  /** The point a leaf holds (−1 when empty); the first one when coincident points share it. */
  private point = new Int32Array(0);
  private depth = new Int32Array(0);

  /** Rebuilds the tree over y (n × 2, interleaved). */
  build(y: Float32Array, n: number): void {
    this.ensure(Math.max(64, 4 * n + 1));
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const px = y[2 * i], py = y[2 * i + 1];
      if (px < minX) minX = px;
      if (px > maxX) maxX = px;
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
    }
    this.nodes = 0;
    const h = Math.max(maxX - minX, maxY - minY, 1e-12) / 2 + 1e-5;
    this.add((minX + maxX) / 2, (minY + maxY) / 2, h, 0);
    for (let i = 0; i < n; i++) this.insert(y, i);
  }

  /**
   * For every point i: Σⱼ qᵢⱼ² (yᵢ − yⱼ) into forces[2i], forces[2i + 1], over j ≠ i with
   * qᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²); returns Z = Σᵢ Σⱼ qᵢⱼ. A cell of width w at distance r counts
   * as one body at its centre of mass when w² < θ²·r² (scikit-learn's and bhtsne's criterion).
   */
  repulsion(y: Float32Array, n: number, theta2: number, forces: Float64Array): number {
    const { child, count, comX, comY, half, point } = this;
    const stack = this.stackBuffer(4 * MAX_DEPTH + 8);
    let z = 0;
    for (let i = 0; i < n; i++) {
      const px = y[2 * i], py = y[2 * i + 1];
      let fx = 0, fy = 0;
      let top = 0;
      stack[top++] = 0;
      while (top > 0) {
        const node = stack[--top];
        let m = count[node];
        if (m === 0) continue;
        const dx = px - comX[node];
        const dy = py - comY[node];
        const d2 = dx * dx + dy * dy;
        const c = child[node];
        const w = 2 * half[node];
        if (c < 0 || w * w < theta2 * d2) {
          // The point's own leaf (with any coincident points): only the others repel it.
          if (c < 0 && point[node] === i && --m === 0) continue;
          const q = 1 / (1 + d2);
          z += m * q;
          const mq2 = m * q * q;
          fx += mq2 * dx;
          fy += mq2 * dy;
        } else {
          stack[top++] = c;
          stack[top++] = c + 1;
          stack[top++] = c + 2;
          stack[top++] = c + 3;
        }
      }
      forces[2 * i] = fx;
      forces[2 * i + 1] = fy;
    }
    return z;
  }

  private stackStore = new Int32Array(0);

  private stackBuffer(size: number): Int32Array {
    if (this.stackStore.length < size) this.stackStore = new Int32Array(size);
    return this.stackStore;
  }

  private insert(y: Float32Array, i: number): void {
    const px = y[2 * i], py = y[2 * i + 1];
    let node = 0;
    for (;;) {
      const m = this.count[node];
      this.comX[node] = (this.comX[node] * m + px) / (m + 1);
      this.comY[node] = (this.comY[node] * m + py) / (m + 1);
      this.count[node] = m + 1;
      if (this.child[node] < 0) {
        if (m === 0) {
          this.point[node] = i;
          return;
        }
        if (this.depth[node] >= MAX_DEPTH) return;
        // Split a one-point leaf: its point moves down a level, then i goes on from here.
        const j = this.point[node];
        this.point[node] = -1;
        this.split(node);
        const c = this.quadrant(node, y[2 * j], y[2 * j + 1]);
        this.count[c] = 1;
        this.comX[c] = y[2 * j];
        this.comY[c] = y[2 * j + 1];
        this.point[c] = j;
      }
      node = this.quadrant(node, px, py);
    }
  }

  private split(node: number): void {
    const h = this.half[node] / 2;
    const first = this.nodes;
    const d = this.depth[node] + 1;
    this.add(this.midX[node] - h, this.midY[node] - h, h, d);
    this.add(this.midX[node] + h, this.midY[node] - h, h, d);
    this.add(this.midX[node] - h, this.midY[node] + h, h, d);
    this.add(this.midX[node] + h, this.midY[node] + h, h, d);
    this.child[node] = first;
  }

  private quadrant(node: number, px: number, py: number): number {
    return this.child[node] + (px >= this.midX[node] ? 1 : 0) + (py >= this.midY[node] ? 2 : 0);
  }

  private add(mx: number, my: number, h: number, depth: number): void {
    if (this.nodes >= this.capacity) this.ensure(this.capacity * 2);
    const k = this.nodes++;
    this.child[k] = -1;
    this.count[k] = 0;
    this.comX[k] = 0;
    this.comY[k] = 0;
    this.midX[k] = mx;
    this.midY[k] = my;
    this.half[k] = h;
    this.point[k] = -1;
    this.depth[k] = depth;
  }

  private ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grow = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a as never);
      return b;
    };
    this.child = grow(this.child);
    this.count = grow(this.count);
    this.comX = grow(this.comX);
    this.comY = grow(this.comY);
    this.midX = grow(this.midX);
    this.midY = grow(this.midY);
    this.half = grow(this.half);
    this.point = grow(this.point);
    this.depth = grow(this.depth);
    this.capacity = capacity;
  }
}
