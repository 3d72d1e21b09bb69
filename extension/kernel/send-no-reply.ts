import type { KernelClient } from '../../kernel/wire/client';
import { ClientClosedError, RequestTimeoutError } from '../../kernel/wire/errors';

export type ShellClient = Pick<KernelClient, 'request' | 'onIOPub'>;

/**
 * Sends a shell message that has no reply: comm_open, comm_msg and comm_close ("Custom
 * Messages", Jupyter messaging spec) are answered on IOPub only. `KernelClient.request` waits
 * for a reply, so the wait is cut to 1 ms and its time-out is expected; the message itself is
 * already queued on the socket by then.
 */
export function sendNoReply(client: ShellClient, msgType: 'comm_open' | 'comm_msg' | 'comm_close', content: Record<string, unknown>): void {
  client.request('shell', msgType, content, { timeoutMs: 1 }).catch((err: unknown) => {
    if (err instanceof RequestTimeoutError || err instanceof ClientClosedError) return;
    throw err;
  });
}
