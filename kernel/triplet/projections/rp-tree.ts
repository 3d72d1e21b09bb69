import type { Random } from '../samplers/random';

/**
 * Leaves of one random-projection tree (Dasgupta & Freund 2008, as pynndescent seeds NN-descent):
 * each node splits its points by the hyperplane halfway between two of them picked at random,
 * until at most `leafSize` are left. Points in one leaf are likely near each other, so all pairs
 * within a leaf make a good first guess of the neighbour lists. Returns the leaves as slices of
 * one permutation of 0 … n − 1.
 */
export function rpTreeLeaves(x: Float32Array, n: number, d: number, leafSize: number, rnd: Random): { order: Int32Array; starts: number[] } {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const side = new Uint8Array(n);
  const normal = new Float64Array(d);
  const starts: number[] = [];
  const stack: number[] = [0, n];
  while (stack.length) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const size = end - start;
    if (size <= leafSize) {
      starts.push(start);
      continue;
    }
    const a = order[start + rnd.int(size)];
    let b = order[start + rnd.int(size)];
    if (a === b) b = order[start + ((order.indexOf(a, start) - start + 1) % size)];
    let offset = 0;
    for (let t = 0; t < d; t++) {
      const va = x[a * d + t];
      const vb = x[b * d + t];
      normal[t] = va - vb;
      offset -= (normal[t] * (va + vb)) / 2;
    }
    let left = 0;
    for (let s = start; s < end; s++) {
      const p = order[s] * d;
      let m = offset;
      for (let t = 0; t < d; t++) m += normal[t] * x[p + t];
      // Points on the plane (duplicates) go either way at random so ties cannot stall the split.
      const goesLeft = m > 0 || (m === 0 && rnd.next() < 0.5);
      side[s - start] = goesLeft ? 1 : 0;
      if (goesLeft) left++;
    }
    if (left === 0 || left === size) {
      // Every point on one side (e.g. identical rows): halve the node as it stands.
      left = size >> 1;
      for (let s = 0; s < size; s++) side[s] = s < left ? 1 : 0;
    }
    // Stable partition: left points first.
    const moved = Int32Array.from(order.subarray(start, end));
    let l = start;
    let r = start + left;
    for (let s = 0; s < size; s++) {
      if (side[s]) order[l++] = moved[s];
      else order[r++] = moved[s];
    }
    stack.push(start, start + left, start + left, end);
  }
  starts.sort((p, q) => p - q);
  starts.push(n);
  return { order, starts };
}
