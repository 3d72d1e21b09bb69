import type * as TF from '@tensorflow/tfjs';

type TensorInfo = TF.TensorInfo;

/** The parts of tfjs-backend-wasm's BackendWasm that kernels composed here use. */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: TF.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object, force?: boolean): boolean;
}

export interface KernelArgs<A = Record<string, unknown>> {
  inputs: Record<string, TensorInfo>;
  backend: WasmBackend;
  attrs: A;
}

export type Kernel = (args: KernelArgs<never>) => TensorInfo;

/**
 * Composes kernels at the backend level, as tfjs backends do internally: it calls the wasm
 * kernels' own functions on TensorInfos (no engine, no tape, no Tensor wrappers) and frees every
 * intermediate it made, so a composed kernel costs only the wasm kernels it runs.
 */
export class KernelCalls {
  private readonly made: TensorInfo[] = [];

  constructor(private readonly tf: typeof TF, readonly backend: WasmBackend, private readonly natives: ReadonlyMap<string, Kernel> = new Map()) {}

  run(name: string, inputs: Record<string, TensorInfo>, attrs: Record<string, unknown> = {}): TensorInfo {
    const native = this.natives.get(name);
    const fn = native ?? (this.tf.getKernel(name, 'wasm')?.kernelFunc as unknown as Kernel | undefined);
    if (!fn) throw new Error(`wasm kernel '${name}' is not registered`);
    const out = fn({ inputs, backend: this.backend, attrs } as never);
    this.made.push(out);
    return out;
  }

  /** Takes ownership of a tensor made outside `run` (a kernel of our own), freed like the others. */
  adopt(t: TensorInfo): TensorInfo {
    this.made.push(t);
    return t;
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  /** x cropped to `size` from the origin; x itself when it already has that shape. */
  crop(x: TensorInfo, size: number[]): TensorInfo {
    if (size.every((s, i) => s === x.shape[i])) return x;
    return this.run('Slice', { x }, { begin: size.map(() => 0), size });
  }

  /**
   * Zeros inserted between the rows and columns of an NHWC tensor (`s − 1` after each), the
   * input a strided convolution's transpose reads: [B, H, W, C] → [B, H·sH, W·sW, C].
   */
  dilate(x: TensorInfo, sH: number, sW: number): TensorInfo {
    if (sH === 1 && sW === 1) return x;
    const [b, h, w, c] = x.shape;
    const spread = this.reshape(x, [b, h, 1, w, 1, c]);
    const padded = this.run('PadV2', { x: spread }, { paddings: [[0, 0], [0, 0], [0, sH - 1], [0, 0], [0, sW - 1], [0, 0]], constantValue: 0 });
    return this.reshape(padded, [b, h * sH, w * sW, c]);
  }

  /**
   * Returns `out` and frees every other tensor this composition made. Views (Reshape, Identity)
   * hold a reference of their own on the data they share, so each made TensorInfo is released
   * once; an input handed back is given its own reference first, as the engine expects a new one.
   */
  keep(out: TensorInfo): TensorInfo {
    if (!this.made.includes(out)) out = this.run('Identity', { x: out });
    for (const t of this.made) if (t !== out) this.backend.disposeData(t.dataId);
    this.made.length = 0;
    return out;
  }

  /** Frees everything made so far (on an error path). */
  dispose(): void {
    for (const t of this.made) this.backend.disposeData(t.dataId);
    this.made.length = 0;
  }
}

/** Runs `body` with a fresh KernelCalls, freeing its intermediates whatever happens. */
export function compose(tf: typeof TF, backend: WasmBackend, natives: ReadonlyMap<string, Kernel>, body: (k: KernelCalls) => TensorInfo): TensorInfo {
  const k = new KernelCalls(tf, backend, natives);
  try {
    return k.keep(body(k));
  } catch (err) {
    k.dispose();
    throw err;
  }
}
