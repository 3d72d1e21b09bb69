/** Typed arrays that helper threads can read and write (SharedArrayBuffer), or plain ones. */
export type TypedArray = Float32Array | Float64Array | Int32Array;

/** Memory for `bytes`: shared between threads or not. */
export function memory(bytes: number, shared: boolean): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** A copy of `a`, the same kind of array, in shared memory unless `shared` is false. */
export function copyOf<T extends TypedArray>(a: T, shared = true): T {
  const kind = a.constructor as { new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number };
  const b = new kind(memory(a.length * kind.BYTES_PER_ELEMENT, shared));
  b.set(a as never);
  return b;
}
