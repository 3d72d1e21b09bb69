import * as vscode from 'vscode';
import type { Message } from '../../kernel/wire/messages';
import { KernelDiedError } from '../kernel/kernel-died-error';
import type { NotebookSession } from '../kernel/notebook-session';
import { startFailure } from '../kernel/start-failure';
import { CellOutputs } from '../output/cell-outputs';
import { OutputWriter } from '../output/output-writer';

export interface RunContext {
  log(message: string): void;
  nodePath(): string;
}

function errorOutput(name: string, message: string, stack = ''): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message, stack })]);
}

/** Why the cell could not run, in words a user can act on. */
function failureOutput(err: unknown, ctx: RunContext): vscode.NotebookCellOutput {
  if (err instanceof KernelDiedError) return errorOutput(err.name, err.message);
  const reported = startFailure(err, ctx.nodePath());
  return errorOutput(reported.name, reported.message);
}

/**
 * `kernel.page(...)` comes back as a `page` payload on execute_reply (IPython's pager); VS Code
 * has no pager, so the text is shown below the cell, as VS Code's Jupyter extension does.
 */
async function showPages(execution: vscode.NotebookCellExecution, content: { payload?: unknown }): Promise<void> {
  if (!Array.isArray(content.payload)) return;
  for (const p of content.payload as { source?: unknown; data?: Record<string, unknown> }[]) {
    if (p?.source !== 'page' || typeof p.data !== 'object' || p.data === null) continue;
    const items = Object.entries(p.data)
      .filter(([, v]) => typeof v === 'string')
      .map(([mime, v]) => vscode.NotebookCellOutputItem.text(v as string, mime));
    if (items.length) await execution.appendOutput(new vscode.NotebookCellOutput(items));
  }
}

/**
 * Runs one cell in the notebook's kernel and maps its IOPub messages onto the cell's outputs;
 * returns false when the cell failed, so the rest of a "Run All" stops (Jupyter's stop_on_error).
 */
export async function runCell(session: NotebookSession, execution: vscode.NotebookCellExecution, ctx: RunContext): Promise<boolean> {
  const cell = execution.cell;
  execution.start(Date.now());
  await execution.clearOutput();
  const code = cell.document.getText();
  const outputs = new CellOutputs(cell, session.displays);
  const writer = new OutputWriter(execution, session.outputs, ctx.log);
  let requestId: string | undefined;
  const onIOPub = (msg: Message) => {
    // Output after this run ends (a timer's print) still belongs here: session.runs routes it.
    if (requestId === undefined) {
      requestId = (msg.parent_header as { msg_id: string }).msg_id;
      session.runs.started(requestId, cell, outputs);
    }
    if (msg.header.msg_type === 'status' && (msg.content as { execution_state?: string }).execution_state === 'idle') session.runs.finished(requestId);
    for (const { cell: target, ops } of outputs.handle(msg)) writer.apply(target, ops);
  };
  try {
    const { reply } = await session.kernel.execute(code, {
      onIOPub,
      onInput: async (prompt, password) => (await vscode.window.showInputBox({ prompt, password, ignoreFocusOut: true })) ?? '',
      allowStdin: true,
      stopOnError: true,
    });
    await writer.flush();
    await showPages(execution, reply.content as { payload?: unknown });
    const count = (reply.content as { execution_count?: unknown }).execution_count;
    if (typeof count === 'number') execution.executionOrder = count;
    const ok = reply.content.status === 'ok';
    execution.end(ok, Date.now());
    return ok;
  } catch (err) {
    await writer.flush();
    await execution.appendOutput(failureOutput(err, ctx));
    execution.end(false, Date.now());
    return false;
  }
}
