import * as tf from '@tensorflow/tfjs';
import { TripletInputError } from '../validation/errors';

/** Row-major points: a tensor, nested arrays, or a dataset-like `{ x, n, dims }` (as `triplet.datasets` return). */
/** Rows of embeddings: a tensor, plain rows, a flat buffer `{ x, n, dims }`, or what `embed` returns (`{ data, n, dims }`). */
export type MatrixInput = tf.Tensor2D | number[][] | { x: Float32Array; n: number; dims: number } | HostMatrix;

/** A float32 copy of the rows plus their shape, read once: retrieval and projections run their loops in JavaScript. */
export interface HostMatrix {
  data: Float32Array;
  n: number;
  dims: number;
}

/** Reads `input` into host memory, checking shape and finiteness; errors name `argument` and `functionName`. */
export function toHostMatrix(input: MatrixInput, argument: string, functionName: string): HostMatrix {
  let m: HostMatrix;
  if (input instanceof tf.Tensor) {
    if (input.rank !== 2) {
      throw new TripletInputError(argument, functionName, `must have rank 2 [n, dims], got shape [${input.shape.join(', ')}]`,
        'Reshape it first, e.g. x.reshape([x.shape[0], -1]).');
    }
    m = { data: Float32Array.from(input.dataSync() as ArrayLike<number>), n: input.shape[0], dims: input.shape[1] };
  } else if (Array.isArray(input)) {
    const n = input.length;
    const dims = n > 0 && Array.isArray(input[0]) ? input[0].length : 0;
    const data = new Float32Array(n * dims);
    for (let i = 0; i < n; i++) {
      const row = input[i];
      if (!Array.isArray(row) || row.length !== dims) {
        throw new TripletInputError(argument, functionName, `row ${i} has ${Array.isArray(row) ? row.length : 'no'} values, row 0 has ${dims}`,
          'Pass an array of equal-length number arrays.');
      }
      data.set(row, i * dims);
    }
    m = { data, n, dims };
  } else if (input && typeof input === 'object' && (('x' in input && input.x instanceof Float32Array) || ('data' in input && input.data instanceof Float32Array))) {
    const [key, values] = 'x' in input ? ['x', input.x] : ['data', input.data];
    if (values.length !== input.n * input.dims) {
      throw new TripletInputError(argument, functionName, `has ${key}.length ${values.length} but n × dims = ${input.n} × ${input.dims}`,
        `Keep ${key}, n and dims consistent (${key} holds n rows of dims values).`);
    }
    m = { data: values, n: input.n, dims: input.dims };
  } else {
    throw new TripletInputError(argument, functionName, `must be a tf.Tensor2D, number[][], { x: Float32Array, n, dims } or embed()'s { data, n, dims }, got ${typeof input}`,
      'Pass embeddings as a tensor or rows of numbers.');
  }
  if (m.n === 0) throw new TripletInputError(argument, functionName, 'is empty (0 rows)', 'Pass at least one row.');
  if (m.dims === 0) throw new TripletInputError(argument, functionName, 'has 0 columns', 'Each row needs at least one value.');
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i])) {
      throw new TripletInputError(argument, functionName, `contains ${m.data[i]} at row ${Math.floor(i / m.dims)}, column ${i % m.dims}`,
        'Remove or fix non-finite values (a NaN embedding usually means training diverged).');
    }
  }
  return m;
}
