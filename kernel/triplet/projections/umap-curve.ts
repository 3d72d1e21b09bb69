/**
 * UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)) fitted to the target curve "1 up to
 * minDist, then exp(−(d − minDist)/spread)" by least squares on 300 points of [0, 3·spread], as
 * umap-learn's `find_ab_params` does with scipy's curve_fit; here Levenberg–Marquardt on the two
 * parameters. For minDist 0.1, spread 1 it gives a ≈ 1.577, b ≈ 0.895.
 */
export function fitCurve(minDist: number, spread: number): { a: number; b: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 300; i++) {
    const x = (3 * spread * i) / 299;
    xs.push(x);
    ys.push(x < minDist ? 1 : Math.exp(-(x - minDist) / spread));
  }
  const residuals = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += (1 / (1 + a * Math.pow(xs[i], 2 * b)) - ys[i]) ** 2;
    return s;
  };
  let a = 1;
  let b = 1;
  let lambda = 1e-3;
  let cost = residuals(a, b);
  for (let iter = 0; iter < 200; iter++) {
    // Normal equations JᵀJ δ = −Jᵀr with analytic derivatives of f = 1 / (1 + a x^{2b}).
    let jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const p = x > 0 ? Math.pow(x, 2 * b) : 0;
      const f = 1 / (1 + a * p);
      const r = f - ys[i];
      const da = -p * f * f;
      const db = x > 0 ? -a * p * 2 * Math.log(x) * f * f : 0;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    const m00 = jaa * (1 + lambda);
    const m11 = jbb * (1 + lambda);
    const det = m00 * m11 - jab * jab;
    if (!(Math.abs(det) > 0)) break;
    const na = a - (m11 * ga - jab * gb) / det;
    const nb = b - (m00 * gb - jab * ga) / det;
    const next = na > 0 && nb > 0 ? residuals(na, nb) : Infinity;
    if (next < cost) {
      const done = cost - next < 1e-14;
      a = na;
      b = nb;
      cost = next;
      lambda /= 10;
      if (done) break;
    } else lambda *= 10;
  }
  return { a, b };
}
