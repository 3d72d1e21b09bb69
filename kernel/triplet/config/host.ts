import type { KernelApi } from '../../api';
import { activeSession } from '../session';

/** The kernel the library runs in (its session's, see kernel-binding.ts); undefined in plain Node. */
export function getKernel(): KernelApi | undefined {
  return activeSession().kernel;
}
