import { randomUUID } from 'node:crypto';
import type { CellDiagnostic } from '../../kernel/api';
import { TYPES_COMM_TARGET, type TypesReply } from '../../kernel/typecheck/editor-messages';
import type { Message } from '../../kernel/wire/messages';
import { sendNoReply, type ShellClient } from '../kernel/send-no-reply';

export interface CellCheck {
  /** False when the kernel does not type-check (`kernel.typecheck = 'off'`): nothing to show. */
  checked: boolean;
  diagnostics: CellDiagnostic[];
}

/**
 * The editor's end of the `tripletlab.types` comm (kernel/server/types-comm.ts): `check` sends a
 * cell's text and resolves with the diagnostics it would have if it ran next. Answers are matched
 * by id, since they come on IOPub under whichever request the kernel was serving.
 */
export class TypesComm {
  readonly commId = randomUUID();
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (c: CellCheck) => void; reject: (e: Error) => void }>();
  private closedBecause?: string;
  private readonly stop: () => void;

  constructor(private readonly client: ShellClient) {
    this.stop = client.onIOPub((msg) => this.receive(msg));
    sendNoReply(client, 'comm_open', { comm_id: this.commId, target_name: TYPES_COMM_TARGET, data: {} });
  }

  check(code: string): Promise<CellCheck> {
    if (this.closedBecause) return Promise.reject(new Error(this.closedBecause));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      sendNoReply(this.client, 'comm_msg', { comm_id: this.commId, data: { type: 'check', id, code } });
    });
  }

  dispose(): void {
    this.stop();
    if (!this.closedBecause) sendNoReply(this.client, 'comm_close', { comm_id: this.commId, data: {} });
    this.close('TypesComm: the kernel stopped; its type checks end with it');
  }

  private close(reason: string): void {
    this.closedBecause ??= reason;
    for (const w of this.waiting.values()) w.reject(new Error(this.closedBecause));
    this.waiting.clear();
  }

  private receive(msg: Message): void {
    const content = msg.content as { comm_id?: unknown; data?: unknown };
    if (content.comm_id !== this.commId) return;
    if (msg.header.msg_type === 'comm_close') {
      this.close(`TypesComm: the kernel has no '${TYPES_COMM_TARGET}' target (a tripletlab kernel older than this extension?); restart it`);
      return;
    }
    if (msg.header.msg_type !== 'comm_msg') return;
    const data = content.data as TypesReply | undefined;
    const w = data && typeof data.id === 'number' ? this.waiting.get(data.id) : undefined;
    if (!data || !w) return;
    this.waiting.delete(data.id!);
    if (data.type === 'diagnostics') w.resolve({ checked: data.checked, diagnostics: data.diagnostics });
    else w.reject(new Error(data.message));
  }
}
