import type { ShellClient } from '../../extension/kernel/send-no-reply';
import type { Message } from '../../kernel/wire/messages';

/** A kernel client that records what is sent and lets a test publish IOPub messages. */
export function fakeClient() {
  const sent: { msgType: string; content: Record<string, any> }[] = [];
  const listeners = new Set<(m: Message) => void>();
  const client = {
    send(_channel: string, msgType: string, content: Record<string, unknown>) {
      sent.push({ msgType, content });
      return Promise.resolve();
    },
    onIOPub(fn: (m: Message) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  } as unknown as ShellClient;
  // A copy: a listener may unsubscribe while being called.
  const publish = (msg_type: string, content: Record<string, unknown>) => {
    for (const l of [...listeners]) l({ header: { msg_type }, content } as unknown as Message);
  };
  return { client, sent, publish, listeners };
}
