export { KernelServer } from './kernel-server';
export type { KernelOptions } from './kernel-server';
