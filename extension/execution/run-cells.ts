import type * as vscode from 'vscode';
import type { NotebookSession } from '../kernel/notebook-session';
import { runCell, type RunContext } from './run-cell';

/**
 * The controller's execute handler for one request: every cell is marked pending at once, then
 * run in order through the notebook's queue; after a failure the remaining cells are released
 * without running, as Jupyter aborts queued requests after an error.
 */
export function runCells(session: NotebookSession, controller: vscode.NotebookController, cells: readonly vscode.NotebookCell[], ctx: RunContext): Promise<void> {
  const executions: vscode.NotebookCellExecution[] = [];
  for (const cell of cells) {
    if (session.queued.has(cell)) continue;
    session.queued.add(cell);
    executions.push(controller.createNotebookCellExecution(cell));
  }
  return session.enqueue(async () => {
    let failed = false;
    for (const execution of executions) {
      try {
        if (failed || execution.token.isCancellationRequested) {
          execution.start();
          execution.end(undefined);
        } else {
          failed = !(await runCell(session, execution, ctx));
        }
      } finally {
        session.queued.delete(execution.cell);
      }
    }
  });
}
