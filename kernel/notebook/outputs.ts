import type { Message } from '../wire';
import type { Output } from './nbformat';
import { splitLines } from './nbformat';

/**
 * Turns a cell's IOPub messages into nbformat outputs, as nbclient does: consecutive stream text
 * of the same name is merged, `clear_output` (with `wait`) empties the list, and
 * `update_display_data` rewrites every earlier output with the same display id.
 */
export class OutputCollector {
  readonly outputs: Output[] = [];
  private clearPending = false;

  constructor(private readonly displays: Map<string, Output[]>) {}

  add(msg: Message): void {
    const c = msg.content as Record<string, any>;
    const type = msg.header.msg_type;
    if (type === 'clear_output') {
      if (c.wait) this.clearPending = true;
      else this.outputs.length = 0;
      return;
    }
    if (type === 'update_display_data') {
      const id = c.transient?.display_id;
      for (const out of this.displays.get(id) ?? []) {
        out.data = bundle(c.data);
        out.metadata = c.metadata ?? {};
      }
      return;
    }
    const out = this.toOutput(type, c);
    if (!out) return;
    if (this.clearPending) {
      this.outputs.length = 0;
      this.clearPending = false;
    }
    const last = this.outputs[this.outputs.length - 1];
    if (out.output_type === 'stream' && last?.output_type === 'stream' && last.name === out.name) {
      last.text = splitLines(joinText(last.text) + joinText(out.text));
      return;
    }
    this.outputs.push(out);
    const id = c.transient?.display_id;
    if (typeof id === 'string') {
      if (!this.displays.has(id)) this.displays.set(id, []);
      this.displays.get(id)!.push(out);
    }
  }

  private toOutput(type: string, c: Record<string, any>): Output | null {
    switch (type) {
      case 'stream':
        return { output_type: 'stream', name: c.name, text: splitLines(String(c.text ?? '')) };
      case 'display_data':
        return { output_type: 'display_data', data: bundle(c.data), metadata: c.metadata ?? {} };
      case 'execute_result':
        return { output_type: 'execute_result', data: bundle(c.data), metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null };
      case 'error':
        return { output_type: 'error', ename: c.ename, evalue: c.evalue, traceback: c.traceback ?? [] };
      default:
        return null;
    }
  }
}

function joinText(t: unknown): string {
  return Array.isArray(t) ? t.join('') : String(t ?? '');
}

/** Text MIME types are stored as line lists; JSON MIME types stay objects (nbformat "MIME bundle"). */
function bundle(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(data ?? {})) {
    out[mime] = typeof value === 'string' && !/json$/.test(mime) ? splitLines(value) : value;
  }
  return out;
}
