import * as vscode from 'vscode';
import type { OutputOp } from '../output/cell-outputs';
import { OutputWriter } from '../output/output-writer';
import type { NotebookSession } from '../kernel/notebook-session';
import type { Sessions } from '../kernel/sessions';

/**
 * Shows output that arrives after its cell finished (a timer's print) under that cell
 * (NotebookSession.runs says which). The editor changes outputs only through an execution, so
 * each late message gets a short one that keeps the cell's execution order, success and times.
 */
export function showLateOutput(sessions: Sessions, controller: vscode.NotebookController, log: (message: string) => void): vscode.Disposable {
  let chain: Promise<unknown> = Promise.resolve();
  const write = async (session: NotebookSession, cell: vscode.NotebookCell, ops: OutputOp[]) => {
    let execution: vscode.NotebookCellExecution;
    try {
      execution = controller.createNotebookCellExecution(cell);
    } catch (err) {
      // The cell is queued or running again: its new run replaces these outputs anyway.
      log(`late output for cell ${cell.index + 1} dropped: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const summary = cell.executionSummary;
    execution.executionOrder = summary?.executionOrder;
    execution.start(summary?.timing?.startTime);
    const writer = new OutputWriter(execution, session.outputs, log);
    writer.apply(cell, ops);
    await writer.flush();
    execution.end(summary?.success, summary?.timing?.endTime);
  };
  return sessions.onDidReceiveIOPub(({ session, msg }) => {
    for (const { cell, ops } of session.runs.late(msg)) {
      chain = chain.then(() => write(session, cell, ops)).catch((err) => log(`late output failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  });
}
