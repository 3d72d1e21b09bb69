import { inspect } from 'node:util';
import type { MimeBundle } from '../api';

/** The Deno convention for rich output: `[Symbol.for('Jupyter.display')]()` returns a MIME bundle. */
export const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');
/** Marks values that must not become an execute_result (display handles: their output is already shown). */
export const NO_RESULT = Symbol.for('tripletlab.noResult');

/** Plain text like the Node REPL's, minus colours: Jupyter text/plain is shown verbatim, so ANSI codes would be noise. */
export function plainText(value: unknown): string {
  return inspect(value, { depth: 6, colors: false, maxArrayLength: 100, maxStringLength: 100_000, breakLength: 100 });
}

interface TensorLike {
  shape: number[];
  dtype: string;
  isDisposed: boolean;
  toString(verbose?: boolean): string;
}

function isTensor(value: object): value is TensorLike {
  const v = value as Partial<TensorLike> & { dataSync?: unknown };
  return Array.isArray(v.shape) && typeof v.dtype === 'string' && typeof v.dataSync === 'function' && typeof v.isDisposed === 'boolean';
}

function tensorText(t: TensorLike): string {
  const head = `Tensor<${t.dtype}>[${t.shape.join(', ')}]`;
  if (t.isDisposed) return `${head} (disposed)`;
  // tfjs's toString() starts with a bare "Tensor" line and summarises large tensors itself.
  return `${head}\n${t.toString().replace(/^Tensor\n/, '')}`;
}

/** The MIME bundle for `value` as a cell result or `display(value)`; `undefined` shows nothing. */
export function bundleOf(value: unknown): MimeBundle | undefined {
  if (value === undefined) return undefined;
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    if ((value as Record<symbol, unknown>)[NO_RESULT] === true) return undefined;
    const custom = (value as Record<symbol, unknown>)[JUPYTER_DISPLAY];
    if (typeof custom === 'function') {
      const bundle = custom.call(value) as unknown;
      if (bundle !== null && typeof bundle === 'object' && !('then' in bundle)) {
        return { 'text/plain': plainText(value), ...(bundle as MimeBundle) };
      }
    }
    if (isTensor(value)) return { 'text/plain': tensorText(value) };
  }
  return { 'text/plain': plainText(value) };
}
