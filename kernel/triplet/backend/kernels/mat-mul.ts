import type * as TF from '@tensorflow/tfjs';
import type { KernelCalls } from './wasm-calls';

export interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

/** The last two axes of a rank-2 or rank-3 tensor swapped, as a materialised copy. */
function swapLastTwo(k: KernelCalls, t: TF.TensorInfo): TF.TensorInfo {
  return k.transpose(t, t.shape.length === 2 ? [1, 0] : [0, 2, 1]);
}

/**
 * A (batched, optionally fused) matrix product whose transposed operands are copied into plain
 * layout first. tfjs-backend-wasm reads a transposed operand with strided loads: measured here,
 * x·yᵀ for 2000×64 by 64×2000 took 252 ms with `transposeB` and 16 ms with yᵀ copied first
 * (2000×784: 3.46 s against 0.19 s). Every matMul gradient has a transposed operand, so this
 * decides the speed of Dense layers' backward pass.
 */
export function plainMatMul(k: KernelCalls, name: 'BatchMatMul' | '_FusedMatMul', inputs: Record<string, TF.TensorInfo>, attrs: MatMulAttrs & Record<string, unknown>): TF.TensorInfo {
  const a = attrs.transposeA ? swapLastTwo(k, inputs.a) : inputs.a;
  const b = attrs.transposeB ? swapLastTwo(k, inputs.b) : inputs.b;
  return k.run(name, { ...inputs, a, b }, { ...attrs, transposeA: false, transposeB: false });
}
