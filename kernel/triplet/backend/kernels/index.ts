import type * as TF from '@tensorflow/tfjs';
import { conv2DBackpropFilter, type Conv2DBackpropFilterAttrs } from './conv2d-backprop-filter';
import { conv2DBackpropInput, type Conv2DBackpropInputAttrs } from './conv2d-backprop-input';
import { depthwiseBackpropFilter, depthwiseBackpropInput, type DepthwiseBackpropAttrs } from './depthwise-backprop';
import { gatherBlocks, type GatherAttrs } from './gather';
import { plainMatMul, type MatMulAttrs } from './mat-mul';
import { maxPoolGrad, type MaxPoolGradAttrs } from './max-pool-grad';
import { unsortedSegmentSum } from './unsorted-segment-sum';
import { compose, type Kernel, type KernelArgs } from './wasm-calls';

type Shape4 = [number, number, number, number];

/**
 * The training kernels tripletlab gives the wasm backend: the ones tfjs-backend-wasm 4.22 lacks
 * (a CNN cannot train without the first one), the ones whose wasm version is a slow direct loop,
 * matrix products, whose transposed operands wasm reads slowly, and gathers. Each is checked against the cpu backend in test/kernel/triplet/backend/kernels.
 */
export const WASM_TRAINING_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'MaxPoolGrad',
  'UnsortedSegmentSum',
  'BatchMatMul',
  '_FusedMatMul',
  'GatherV2',
] as const;

const MARK = Symbol.for('tripletlab.wasmTrainingKernel');

function kernels(tf: typeof TF, natives: ReadonlyMap<string, Kernel>): Record<(typeof WASM_TRAINING_KERNELS)[number], Kernel> {
  const run = (args: KernelArgs<never>, body: Parameters<typeof compose>[3]) => compose(tf, args.backend, natives, body);
  return {
    Conv2DBackpropFilter: (a: KernelArgs<Conv2DBackpropFilterAttrs>) =>
      run(a as never, (k) => conv2DBackpropFilter(tf, k, a.inputs.x, a.inputs.dy, a.attrs)),
    Conv2DBackpropInput: (a: KernelArgs<Conv2DBackpropInputAttrs>) =>
      run(a as never, (k) => conv2DBackpropInput(tf, k, a.inputs.dy, a.inputs.filter, a.attrs) ?? k.run('Conv2DBackpropInput', a.inputs, a.attrs as never)),
    DepthwiseConv2dNativeBackpropFilter: (a: KernelArgs<DepthwiseBackpropAttrs & { filterShape: Shape4 }>) =>
      run(a as never, (k) => depthwiseBackpropFilter(tf, k, a.inputs.x, a.inputs.dy, a.attrs)),
    DepthwiseConv2dNativeBackpropInput: (a: KernelArgs<DepthwiseBackpropAttrs & { inputShape: Shape4 }>) =>
      run(a as never, (k) => depthwiseBackpropInput(tf, k, a.inputs.dy, a.inputs.filter, a.attrs)),
    MaxPoolGrad: (a: KernelArgs<MaxPoolGradAttrs>) => maxPoolGrad(tf, a.backend, a.inputs.dy, a.inputs.input, a.attrs),
    BatchMatMul: (a: KernelArgs<MatMulAttrs>) => run(a as never, (k) => plainMatMul(k, 'BatchMatMul', a.inputs, a.attrs as never)),
    _FusedMatMul: (a: KernelArgs<MatMulAttrs>) => run(a as never, (k) => plainMatMul(k, '_FusedMatMul', a.inputs, a.attrs as never)),
    GatherV2: (a: KernelArgs<GatherAttrs>) =>
      gatherBlocks(a.backend, a.inputs.x, a.inputs.indices, a.attrs) ?? run(a as never, (k) => k.run('GatherV2', a.inputs, a.attrs as never)),
    UnsortedSegmentSum: (a: KernelArgs<{ numSegments: number }>) => unsortedSegmentSum(a.backend, a.inputs.x, a.inputs.segmentIds, a.attrs.numSegments),
  } as never;
}

/**
 * Registers tripletlab's training kernels for the 'wasm' backend, replacing the native ones of
 * the same name (kept for the cases the composed forms do not cover). Idempotent.
 */
export function registerWasmTrainingKernels(tf: typeof TF): void {
  const natives = new Map<string, Kernel>();
  const table = kernels(tf, natives);
  for (const name of WASM_TRAINING_KERNELS) {
    const existing = tf.getKernel(name, 'wasm');
    if (existing && (existing.kernelFunc as unknown as Record<symbol, unknown>)[MARK]) continue;
    if (existing) {
      natives.set(name, existing.kernelFunc as unknown as Kernel);
      tf.unregisterKernel(name, 'wasm');
    }
    const fn = table[name] as unknown as Record<symbol, unknown>;
    fn[MARK] = true;
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: table[name] as unknown as TF.KernelFunc });
  }
}
