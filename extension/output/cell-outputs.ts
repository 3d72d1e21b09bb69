import type { Message } from '../../kernel/wire/messages';
import { bundleItems, type ItemSpec } from './mime-items';

/** One output of a cell as the editor shows it. */
export interface OutputSpec {
  id: string;
  items: ItemSpec[];
  metadata?: Record<string, unknown>;
}

/** What to do to the cell's outputs; the editor side applies these in order. */
export type OutputOp =
  | { op: 'append'; output: OutputSpec }
  | { op: 'appendItems'; outputId: string; items: ItemSpec[] }
  | { op: 'replaceItems'; outputId: string; items: ItemSpec[]; metadata?: Record<string, unknown> }
  | { op: 'clear' };

/** Where a display id was shown, so `update_display_data` can reach it in any cell. */
export interface DisplayTarget<C> {
  cell: C;
  outputId: string;
}

export const STDOUT_MIME = 'application/vnd.code.notebook.stdout';
export const STDERR_MIME = 'application/vnd.code.notebook.stderr';
export const ERROR_MIME = 'application/vnd.code.notebook.error';

let counter = 0;
function newId(): string {
  counter += 1;
  return `tl-${Date.now().toString(36)}-${counter}`;
}

function displayIdOf(content: Record<string, unknown>): string | undefined {
  const transient = content.transient as { display_id?: unknown } | undefined;
  return typeof transient?.display_id === 'string' ? transient.display_id : undefined;
}

function metadataOf(content: Record<string, unknown>): Record<string, unknown> | undefined {
  const m = content.metadata;
  return m && typeof m === 'object' && Object.keys(m).length > 0 ? (m as Record<string, unknown>) : undefined;
}

/**
 * Output metadata in the shape VS Code's ipynb serializer reads when it saves a notebook
 * (`outputType`, `executionCount`, the Jupyter metadata under `metadata`): without `outputType`
 * every result was saved as display_data, so GitHub and Jupyter showed no `Out[n]`.
 */
function ipynbMetadata(msgType: 'display_data' | 'execute_result', content: Record<string, unknown>): Record<string, unknown> {
  const metadata = metadataOf(content);
  const count = content.execution_count;
  return {
    outputType: msgType,
    ...(msgType === 'execute_result' && typeof count === 'number' ? { executionCount: count } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

/**
 * Turns one cell's IOPub messages into output operations (Jupyter messaging spec, "IOPub"):
 * consecutive `stream` text of the same name joins one output, `display_data` and
 * `execute_result` each add one, `update_display_data` replaces every output shown under its
 * display id (in this cell or another, through the notebook-wide `displays` map),
 * `clear_output` clears now or, with `wait`, just before the next output arrives, and `error`
 * adds the error with its traceback.
 */
export class CellOutputs<C> {
  private readonly outputs: { id: string; stream?: 'stdout' | 'stderr' }[] = [];
  private clearPending = false;

  constructor(
    private readonly cell: C,
    private readonly displays: Map<string, DisplayTarget<C>[]>,
  ) {}

  /** Operations for one IOPub message; `target` says which cell each must be applied to. */
  handle(msg: Pick<Message, 'header' | 'content'>): { cell: C; ops: OutputOp[] }[] {
    const content = msg.content as Record<string, unknown>;
    switch (msg.header.msg_type) {
      case 'stream':
        return this.here(this.stream(content.name === 'stderr' ? 'stderr' : 'stdout', String(content.text ?? '')));
      case 'display_data':
      case 'execute_result':
        return this.here(this.display(msg.header.msg_type, content));
      case 'update_display_data':
        return this.update(content);
      case 'clear_output':
        if (content.wait === true) {
          this.clearPending = true;
          return [];
        }
        return this.here(this.clear());
      case 'error':
        return this.here(this.error(content));
      default:
        return [];
    }
  }

  private here(ops: OutputOp[]): { cell: C; ops: OutputOp[] }[] {
    return ops.length ? [{ cell: this.cell, ops }] : [];
  }

  private clear(): OutputOp[] {
    this.clearPending = false;
    this.outputs.length = 0;
    return [{ op: 'clear' }];
  }

  private beforeOutput(): OutputOp[] {
    return this.clearPending ? this.clear() : [];
  }

  private stream(name: 'stdout' | 'stderr', text: string): OutputOp[] {
    if (text === '') return [];
    const ops = this.beforeOutput();
    const item: ItemSpec = { kind: 'text', mime: name === 'stderr' ? STDERR_MIME : STDOUT_MIME, value: text };
    const last = this.outputs[this.outputs.length - 1];
    if (last?.stream === name) return [...ops, { op: 'appendItems', outputId: last.id, items: [item] }];
    const id = newId();
    this.outputs.push({ id, stream: name });
    return [...ops, { op: 'append', output: { id, items: [item] } }];
  }

  private display(msgType: 'display_data' | 'execute_result', content: Record<string, unknown>): OutputOp[] {
    const ops = this.beforeOutput();
    const id = newId();
    this.outputs.push({ id });
    const displayId = displayIdOf(content);
    if (displayId) {
      const list = this.displays.get(displayId) ?? [];
      list.push({ cell: this.cell, outputId: id });
      this.displays.set(displayId, list);
    }
    return [...ops, { op: 'append', output: { id, items: bundleItems(content.data), metadata: ipynbMetadata(msgType, content) } }];
  }

  private update(content: Record<string, unknown>): { cell: C; ops: OutputOp[] }[] {
    const displayId = displayIdOf(content);
    const targets = displayId ? this.displays.get(displayId) ?? [] : [];
    const items = bundleItems(content.data);
    const metadata = metadataOf(content);
    return targets.map((t) => ({ cell: t.cell, ops: [{ op: 'replaceItems', outputId: t.outputId, items, metadata } satisfies OutputOp] }));
  }

  private error(content: Record<string, unknown>): OutputOp[] {
    const ops = this.beforeOutput();
    const id = newId();
    this.outputs.push({ id });
    const traceback = Array.isArray(content.traceback) ? content.traceback.map(String) : [];
    const value = {
      name: String(content.ename ?? 'Error'),
      message: String(content.evalue ?? ''),
      stack: traceback.join('\n'),
    };
    return [...ops, { op: 'append', output: { id, items: [{ kind: 'json', mime: ERROR_MIME, value }] } }];
  }
}
