import { activeSession } from '../session';

/**
 * `triplet.stop()`: ends every running `fit` of the session after its current step; the model
 * keeps the weights trained so far and `fit` resolves with status 'interrupted'. Returns how
 * many runs were asked. The kernel's interrupt does the same (kernel-binding.ts).
 */
export function stop(): number {
  return activeSession().runs.stop();
}
