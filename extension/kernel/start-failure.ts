import { KernelExitedError } from '../../kernel/wire/errors';

/** The kernel process could not start; names the setting that chose the Node.js binary and the fix. */
export class KernelStartError extends Error {
  constructor(nodePath: string, reason: string) {
    super(
      `The tripletlab kernel could not start with the Node.js of setting 'tripletlab.nodePath' ('${nodePath}'): ${reason}.\n` +
        "Set 'tripletlab.nodePath' to 'node' (when Node.js 20.19+ is on the PATH) or to the full path of a Node.js 20.19+ binary, then run a cell or restart the kernel. " +
        'The kernel\'s own output is in the "tripletlab" output channel.',
    );
    this.name = 'KernelStartError';
  }
}

/** Why a start failed, in the user's terms: a missing binary, or how it exited and its last line. */
function reasonOf(err: KernelExitedError): string {
  const tail = err.stderrTail.trim();
  if (/\bENOENT\b/.test(tail)) return 'there is no such program';
  if (/\bEACCES\b/.test(tail)) return 'it is not executable';
  const how = err.signal ? `it was ended by ${err.signal}` : `it exited with code ${err.code}`;
  const last = tail.split('\n').filter((l) => l.trim() !== '').pop();
  return last ? `${how} (last output: ${last.trim()})` : how;
}

/**
 * A start failure as the user should read it. The launcher's own error speaks of the kernelspec's
 * argv, which users of the editor never wrote: here the process comes from their setting.
 */
export function startFailure(err: unknown, nodePath: string): Error {
  if (err instanceof KernelExitedError) return new KernelStartError(nodePath, reasonOf(err));
  return err instanceof Error ? err : new Error(String(err));
}
