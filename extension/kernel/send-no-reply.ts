import type { KernelClient } from '../../kernel/wire/client';

export type ShellClient = Pick<KernelClient, 'send' | 'onIOPub'>;

/**
 * Sends a shell message that has no reply: comm_open, comm_msg and comm_close ("Custom
 * Messages", Jupyter messaging spec) are answered on IOPub only. A closed client means the
 * kernel is gone, which the controller reports on its own; nothing to add here.
 */
export function sendNoReply(client: ShellClient, msgType: 'comm_open' | 'comm_msg' | 'comm_close', content: Record<string, unknown>): void {
  client.send('shell', msgType, content).catch(() => undefined);
}
