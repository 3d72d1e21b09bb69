/** Table entries per octave of d²: the coefficient is looked up to within 2⁻¹⁰ of d² (0.1%). */
const BITS_PER_OCTAVE = 10;
const SHIFT = 23 - BITS_PER_OCTAVE;
/** d² from 2⁻³⁰ to 2³⁰; outside, the exact formula is used (rare: coincident or very far points). */
const LOW_EXPONENT = -30;
const HIGH_EXPONENT = 30;

/**
 * UMAP's SGD coefficients as functions of the squared distance d², read from a table instead of
 * computed with Math.pow for each of the ~10⁸ updates of a 5,000-point layout (Math.pow is most of
 * the time otherwise). The index is the float32 bit pattern of d² shifted right, which is monotone
 * in d² and spaces entries 2⁻¹⁰ apart relative to d²; the stochastic updates do not notice the
 * rounding. Entries hold the exact value at each cell's midpoint.
 *   attract(d²) = −2ab·d^(2(b−1)) / (1 + a·d^(2b))            (umap-learn, positive sample)
 *   repel(d²)   = 2γb / ((0.001 + d²)(1 + a·d^(2b)))           (negative sample)
 */
export class UmapGradientTable {
  private readonly attractTable: Float64Array;
  private readonly repelTable: Float64Array;
  private readonly base: number;
  private readonly top: number;
  private readonly f32 = new Float32Array(1);
  private readonly u32 = new Uint32Array(this.f32.buffer);

  constructor(private readonly a: number, private readonly b: number, private readonly gamma: number) {
    this.base = (LOW_EXPONENT + 127) << BITS_PER_OCTAVE;
    this.top = (HIGH_EXPONENT + 127) << BITS_PER_OCTAVE;
    const size = this.top - this.base;
    this.attractTable = new Float64Array(size);
    this.repelTable = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      this.u32[0] = ((i + this.base) << SHIFT) | (1 << (SHIFT - 1));
      const d2 = this.f32[0];
      this.attractTable[i] = this.exactAttract(d2);
      this.repelTable[i] = this.exactRepel(d2);
    }
  }

  attract(d2: number): number {
    this.f32[0] = d2;
    const i = (this.u32[0] >>> SHIFT) - this.base;
    return i >= 0 && i < this.attractTable.length ? this.attractTable[i] : this.exactAttract(d2);
  }

  repel(d2: number): number {
    this.f32[0] = d2;
    const i = (this.u32[0] >>> SHIFT) - this.base;
    return i >= 0 && i < this.repelTable.length ? this.repelTable[i] : this.exactRepel(d2);
  }

  exactAttract(d2: number): number {
    const pb = Math.pow(d2, this.b);
    return (-2 * this.a * this.b * (pb / d2)) / (this.a * pb + 1);
  }

  exactRepel(d2: number): number {
    return (2 * this.gamma * this.b) / ((0.001 + d2) * (this.a * Math.pow(d2, this.b) + 1));
  }
}
