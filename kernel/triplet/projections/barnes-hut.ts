import { memory } from './shared-memory';

/** Deeper than this, coincident points share a leaf instead of splitting forever. */
const MAX_DEPTH = 40;

/** The arrays the force pass reads of a built tree (see SpaceTree.pack). */
export interface TreeView {
  dims: 2 | 3;
  /** First of the 2^dims children, or −1 for a leaf. */
  child: Int32Array;
  /** Per node: count, centre of mass (dims), squared width. */
  packed: Float64Array;
  /** Points in depth-first order of their leaves. */
  order: Int32Array;
  /** The leaf each point sits in. */
  leafOf: Int32Array;
}

/**
 * A quadtree (2-d) or octree (3-d) over points for t-SNE's repulsive forces (Barnes & Hut 1986;
 * van der Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 2014). Nodes live in
 * flat typed arrays reused between iterations. After building, what the force pass reads of a
 * node (count, centre of mass, squared width) is packed side by side in one array, and points are
 * visited in the tree's depth-first order, so consecutive points walk the same, cached, nodes.
 */
export class SpaceTree {
  private readonly fanout: number;
  /** Floats per node in `packed`: count, centre of mass (dims), squared width. */
  private readonly stride: number;
  private capacity = 0;
  private nodes = 0;
  /** First of the 2^dims children, or −1 for a leaf. */
  private child = new Int32Array(0);
  private count = new Float64Array(0);
  /** Sum of the node's points, dims per node (divided into the centre of mass when packed). */
  private sum = new Float64Array(0);
  private mid = new Float64Array(0);
  private half = new Float64Array(0);
  /** The point a leaf holds (−1 when empty); the first one when coincident points share it. */
  private point = new Int32Array(0);
  private depth = new Int32Array(0);
  private packed = new Float64Array(0);
  /** Points in depth-first leaf order, and the leaf each point sits in. */
  private order = new Int32Array(0);
  private leafOf = new Int32Array(0);
  /** Depth-first rank of each node, and where each rank's points start in `order`. */
  private rank = new Int32Array(0);
  private starts = new Int32Array(0);
  private stack = new Int32Array(0);

  /**
   * `shared`: the arrays live in SharedArrayBuffers, so another thread can read the tree (through
   * `view()`, after each build) while this one builds the next.
   */
  constructor(readonly dims: 2 | 3, private readonly shared = false) {
    this.fanout = 1 << dims;
    this.stride = dims + 2;
  }

  /** Rebuilds the tree over y (n × dims, interleaved). */
  build(y: Float32Array, n: number): void {
    const dims = this.dims;
    this.ensure(Math.max(64, 2 * this.fanout * n + 1));
    if (this.order.length < n) {
      this.order = new Int32Array(memory(4 * n, this.shared));
      this.leafOf = new Int32Array(memory(4 * n, this.shared));
    }
    let extent = 1e-12;
    this.nodes = 0;
    const root = this.add(0, 0);
    for (let c = 0; c < dims; c++) {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = y[i * dims + c];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      this.mid[root * dims + c] = (lo + hi) / 2;
      extent = Math.max(extent, hi - lo);
    }
    this.half[root] = extent / 2 + 1e-5;
    for (let i = 0; i < n; i++) this.insert(y, i);
    this.pack(n);
  }

  /** What the force pass reads, for this thread or another one sharing the tree's memory. */
  view(): TreeView {
    return { dims: this.dims, child: this.child, packed: this.packed, order: this.order, leafOf: this.leafOf };
  }

  /**
   * For every point i: Σⱼ qᵢⱼ² (yᵢ − yⱼ) into forces[dims·i …], over j ≠ i with
   * qᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²); returns Z = Σᵢ Σⱼ qᵢⱼ. (One thread; `repulsionRange` and `sumShares`
   * are the parts.)
   */
  repulsion(y: Float32Array, n: number, theta2: number, forces: Float64Array): number {
    const zShare = new Float64Array(n);
    repulsionRange(this.view(), y, 0, n, theta2, forces, zShare);
    return sumShares(zShare, n);
  }

  private insert(y: Float32Array, i: number): void {
    const { dims, sum } = this;
    const p = i * dims;
    let node = 0;
    for (;;) {
      const m = this.count[node];
      for (let c = 0; c < dims; c++) sum[node * dims + c] += y[p + c];
      this.count[node] = m + 1;
      if (this.child[node] < 0) {
        if (m === 0) {
          this.point[node] = i;
          this.leafOf[i] = node;
          return;
        }
        if (this.depth[node] >= MAX_DEPTH) {
          this.leafOf[i] = node;
          return;
        }
        // Split a one-point leaf: its point moves down a level, then i goes on from here.
        const j = this.point[node];
        this.point[node] = -1;
        this.split(node);
        const c = this.childFor(node, y, j);
        this.count[c] = 1;
        for (let a = 0; a < dims; a++) sum[c * dims + a] = y[j * dims + a];
        this.point[c] = j;
        this.leafOf[j] = c;
      }
      node = this.childFor(node, y, i);
    }
  }

  private split(node: number): void {
    const { dims } = this;
    const h = this.half[node] / 2;
    const first = this.nodes;
    const d = this.depth[node] + 1;
    for (let s = 0; s < this.fanout; s++) {
      const k = this.add(h, d);
      for (let c = 0; c < dims; c++) this.mid[k * dims + c] = this.mid[node * dims + c] + ((s >> c) & 1 ? h : -h);
    }
    this.child[node] = first;
  }

  /** The child of `node` whose box holds point i: bit c set when coordinate c is on the high side. */
  private childFor(node: number, y: Float32Array, i: number): number {
    const { dims } = this;
    let s = 0;
    for (let c = 0; c < dims; c++) if (y[i * dims + c] >= this.mid[node * dims + c]) s |= 1 << c;
    return this.child[node] + s;
  }

  /** A new empty leaf of half-width h (its centre is set by the caller); returns its index. */
  private add(h: number, depth: number): number {
    if (this.nodes >= this.capacity) this.ensure(this.capacity * 2);
    const k = this.nodes++;
    const { dims } = this;
    this.child[k] = -1;
    this.count[k] = 0;
    for (let c = 0; c < dims; c++) this.sum[k * dims + c] = 0;
    this.half[k] = h;
    this.point[k] = -1;
    this.depth[k] = depth;
    return k;
  }

  /** Packs what the force pass reads and lists the points in depth-first order of their leaves. */
  private pack(n: number): void {
    const { dims, stride, nodes, count, sum, half, child, packed } = this;
    for (let k = 0; k < nodes; k++) {
      const m = count[k];
      const at = k * stride;
      packed[at] = m;
      for (let c = 0; c < dims; c++) packed[at + 1 + c] = m > 0 ? sum[k * dims + c] / m : 0;
      packed[at + dims + 1] = 4 * half[k] * half[k];
    }
    // Depth-first rank of every node, then points by the rank of their leaf (a counting sort).
    const { rank, starts, stack } = this;
    let top = 0;
    let next = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      rank[node] = next++;
      const c = child[node];
      if (c >= 0) for (let s = this.fanout - 1; s >= 0; s--) if (count[c + s] > 0) stack[top++] = c + s;
    }
    starts.fill(0, 0, next + 1);
    for (let i = 0; i < n; i++) starts[rank[this.leafOf[i]] + 1]++;
    for (let r = 0; r < next; r++) starts[r + 1] += starts[r];
    for (let i = 0; i < n; i++) this.order[starts[rank[this.leafOf[i]]]++] = i;
  }

  private ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    const { dims } = this;
    const grow = <T extends Float64Array | Int32Array>(a: T, width: number): T => {
      const kind = a.constructor as { new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number };
      const b = new kind(memory(capacity * width * kind.BYTES_PER_ELEMENT, this.shared));
      b.set(a as never);
      return b;
    };
    this.child = grow(this.child, 1);
    this.count = grow(this.count, 1);
    this.sum = grow(this.sum, dims);
    this.mid = grow(this.mid, dims);
    this.half = grow(this.half, 1);
    this.point = grow(this.point, 1);
    this.depth = grow(this.depth, 1);
    this.packed = grow(this.packed, this.stride);
    // Scratch, as long as the node arrays: a walk never holds more entries than there are nodes.
    this.rank = new Int32Array(capacity);
    this.starts = new Int32Array(capacity + 1);
    this.stack = new Int32Array(capacity);
    this.capacity = capacity;
  }
}

/** A walk opens at most MAX_DEPTH nodes on its way down, each leaving its other children on the stack. */
const stacks = { 2: new Int32Array(4 * (MAX_DEPTH + 2)), 3: new Int32Array(8 * (MAX_DEPTH + 2)) };

/**
 * The repulsion of points order[from … to) (the tree's depth-first order): Σⱼ qᵢⱼ² (yᵢ − yⱼ)
 * into forces[dims·i …] and Σⱼ qᵢⱼ into zShare[i], over j ≠ i, qᵢⱼ = 1 / (1 + ‖yᵢ − yⱼ‖²). A cell
 * of width w at distance r counts as one body at its centre of mass when w² < θ²·r²
 * (scikit-learn's and bhtsne's criterion). Each point's results depend on the tree only, so
 * threads may take any ranges and the forces come out the same.
 */
export function repulsionRange(tree: TreeView, y: Float32Array, from: number, to: number, theta2: number, forces: Float64Array, zShare: Float64Array): void {
  if (tree.dims === 2) repulsion2(tree, y, from, to, theta2, forces, zShare);
  else repulsion3(tree, y, from, to, theta2, forces, zShare);
}

/** Z = Σᵢ zShare[i], always in index order, so it does not depend on how the points were split. */
export function sumShares(zShare: Float64Array, n: number): number {
  let z = 0;
  for (let i = 0; i < n; i++) z += zShare[i];
  return z;
}

// The 2-d and 3-d passes are written out: this loop is most of a t-SNE iteration.
function repulsion2(tree: TreeView, y: Float32Array, from: number, to: number, theta2: number, forces: Float64Array, zShare: Float64Array): void {
  const { child, packed, order, leafOf } = tree;
  const stack = stacks[2];
  for (let o = from; o < to; o++) {
    const i = order[o];
    const own = leafOf[i];
    const px = y[2 * i], py = y[2 * i + 1];
    let fx = 0, fy = 0, z = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      const at = node * 4;
      let m = packed[at];
      if (m === 0) continue;
      const dx = px - packed[at + 1];
      const dy = py - packed[at + 2];
      const d2 = dx * dx + dy * dy;
      const c = child[node];
      if (c < 0 || packed[at + 3] < theta2 * d2) {
        // The point's own leaf (with any coincident points): only the others repel it.
        if (node === own && --m === 0) continue;
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
    zShare[i] = z;
  }
}

function repulsion3(tree: TreeView, y: Float32Array, from: number, to: number, theta2: number, forces: Float64Array, zShare: Float64Array): void {
  const { child, packed, order, leafOf } = tree;
  const stack = stacks[3];
  for (let o = from; o < to; o++) {
    const i = order[o];
    const own = leafOf[i];
    const px = y[3 * i], py = y[3 * i + 1], pz = y[3 * i + 2];
    let fx = 0, fy = 0, fz = 0, z = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      const at = node * 5;
      let m = packed[at];
      if (m === 0) continue;
      const dx = px - packed[at + 1];
      const dy = py - packed[at + 2];
      const dz = pz - packed[at + 3];
      const d2 = dx * dx + dy * dy + dz * dz;
      const c = child[node];
      if (c < 0 || packed[at + 4] < theta2 * d2) {
        if (node === own && --m === 0) continue;
        const q = 1 / (1 + d2);
        z += m * q;
        const mq2 = m * q * q;
        fx += mq2 * dx;
        fy += mq2 * dy;
        fz += mq2 * dz;
      } else {
        for (let s = 0; s < 8; s++) stack[top++] = c + s;
      }
    }
    forces[3 * i] = fx;
    forces[3 * i + 1] = fy;
    forces[3 * i + 2] = fz;
    zShare[i] = z;
  }
}
