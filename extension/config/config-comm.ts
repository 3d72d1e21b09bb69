import { randomUUID } from 'node:crypto';
import { CONFIG_COMM_TARGET, type ConfigPatch, type ConfigReply, type ConfigSource, type SerialConfig } from '../../contract/comms/config-messages';
import type { Message } from '../../kernel/wire/messages';
import { sendNoReply, type ShellClient } from '../kernel/send-no-reply';

export interface ConfigListener {
  config(config: SerialConfig, source: ConfigSource | undefined): void;
  error(message: string): void;
  /** The kernel closed the comm (it has no `tripletlab.config` target, or it shut the comm down). */
  closed(): void;
}

function isSerialConfig(x: unknown): x is SerialConfig {
  const c = x as Partial<SerialConfig> | null;
  return !!c && typeof c === 'object' && typeof c.margin === 'number' && typeof c.mining === 'string';
}

/**
 * The editor's end of the `tripletlab.config` comm (see kernel/triplet/kernel-binding.ts): on
 * open the kernel sends the configuration, `set` patches it, and every change, from code or
 * from the editor, is broadcast to every open comm as `{ type: 'config', config, source }`.
 */
export class ConfigComm {
  readonly commId = randomUUID();
  private latest?: SerialConfig;
  private open = true;
  private readonly stop: () => void;

  constructor(
    private readonly client: ShellClient,
    private readonly listener: ConfigListener,
  ) {
    this.stop = client.onIOPub((msg) => this.receive(msg));
    sendNoReply(client, 'comm_open', { comm_id: this.commId, target_name: CONFIG_COMM_TARGET, data: {} });
  }

  get config(): SerialConfig | undefined {
    return this.latest;
  }

  get isOpen(): boolean {
    return this.open;
  }

  set(patch: ConfigPatch): void {
    if (!this.open) {
      throw new Error(`ConfigComm.set: the kernel closed the '${CONFIG_COMM_TARGET}' comm; restart the kernel`);
    }
    sendNoReply(this.client, 'comm_msg', { comm_id: this.commId, data: { type: 'set', config: patch } });
  }

  requestConfig(): void {
    if (this.open) sendNoReply(this.client, 'comm_msg', { comm_id: this.commId, data: { type: 'get' } });
  }

  dispose(): void {
    this.stop();
    if (this.open) {
      this.open = false;
      sendNoReply(this.client, 'comm_close', { comm_id: this.commId, data: {} });
    }
  }

  private receive(msg: Message): void {
    const content = msg.content as { comm_id?: unknown; data?: unknown };
    if (content.comm_id !== this.commId) return;
    if (msg.header.msg_type === 'comm_close') {
      this.open = false;
      this.listener.closed();
      return;
    }
    if (msg.header.msg_type !== 'comm_msg') return;
    const data = content.data as ConfigReply | undefined;
    if (data?.type === 'config' && isSerialConfig(data.config)) {
      this.latest = data.config;
      this.listener.config(data.config, data.source);
    } else if (data?.type === 'error') {
      this.listener.error(String(data.message));
    }
  }
}
