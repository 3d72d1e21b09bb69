import * as vscode from 'vscode';
import { runCells } from './execution/run-cells';
import type { Sessions } from './kernel/sessions';
import { launchSettings } from './settings';

export const CONTROLLER_ID = 'tripletlab';
export const CONTROLLER_LABEL = 'TypeScript (tripletlab)';

/** The notebook kernel the editor lists for `.ipynb` files; one kernel process per notebook. */
export function createController(sessions: Sessions, log: (message: string) => void): vscode.NotebookController {
  const controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, 'jupyter-notebook', CONTROLLER_LABEL);
  controller.supportedLanguages = ['typescript'];
  controller.supportsExecutionOrder = true;
  controller.description = 'TensorFlow.js and triplet-network helpers';
  controller.executeHandler = (cells, notebook) =>
    runCells(sessions.get(notebook), controller, cells, { log, nodePath: () => launchSettings(notebook.uri).nodePath });
  controller.interruptHandler = async (notebook) => {
    try {
      await sessions.find(notebook)?.kernel.interrupt();
    } catch (err) {
      void vscode.window.showWarningMessage(`tripletlab: interrupt failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  controller.onDidChangeSelectedNotebooks(({ notebook, selected }) => {
    if (!selected) void sessions.close(notebook);
  });
  return controller;
}
