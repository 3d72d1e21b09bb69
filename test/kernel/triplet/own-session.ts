import { afterEach, beforeEach } from 'node:test';
import { TripletSession, useSession } from '../../../kernel/triplet/session';

/**
 * Gives each test of the file a library session of its own (configuration, listeners, running
 * fits), used by `triplet.configure`, `fit` and `stop` while it runs: tests share no state and
 * reset none.
 */
export function ownSessionPerTest(): void {
  let restore: (() => void) | undefined;
  beforeEach(() => {
    restore = useSession(new TripletSession());
  });
  afterEach(() => restore?.());
}
