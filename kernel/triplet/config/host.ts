import type { KernelApi } from '../../api';

let host: KernelApi | undefined;

/** The kernel the library runs in, once `bindToKernel` has been called; undefined in plain Node. */
export function getKernel(): KernelApi | undefined {
  return host;
}

export function setKernel(kernel: KernelApi | undefined): void {
  host = kernel;
}
