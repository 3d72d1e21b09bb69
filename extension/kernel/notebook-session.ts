import { dirname } from 'node:path';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { DisplayTarget } from '../output/cell-outputs';
import { CellRuns } from '../output/cell-runs';
import { NotebookKernel, type KernelHost } from './notebook-kernel';

/** Everything one open notebook has: its kernel, its display ids and its run queue. */
export class NotebookSession {
  readonly kernel: NotebookKernel;
  /** Jupyter display id → where it is shown; notebook-wide, as `update_display_data` may reach any cell. */
  readonly displays = new Map<string, DisplayTarget<vscode.NotebookCell>[]>();
  /** Output id → the editor's output object, for appending and replacing items. */
  readonly outputs = new Map<string, vscode.NotebookCellOutput>();
  /** Which cell each execute request ran in, for output that arrives after the cell finished. */
  readonly runs = new CellRuns<vscode.NotebookCell>();
  /** Cells waiting or running, so a second "run" of the same cell is not queued twice. */
  readonly queued = new Set<vscode.NotebookCell>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly notebook: vscode.NotebookDocument,
    host: Omit<KernelHost, 'cwd'>,
  ) {
    this.kernel = new NotebookKernel({ ...host, cwd: notebookFolder(notebook) });
  }

  /** Runs `job` after every job queued before it: one cell at a time per kernel, in request order. */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }

  resetOutputsState(): void {
    this.displays.clear();
    this.outputs.clear();
    this.runs.clear();
  }
}

/** Cells resolve relative paths and `require` from the notebook's folder, as Jupyter does. */
export function notebookFolder(notebook: vscode.NotebookDocument): string {
  if (notebook.uri.scheme === 'file') return dirname(notebook.uri.fsPath);
  const folder = vscode.workspace.getWorkspaceFolder(notebook.uri) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : homedir();
}
