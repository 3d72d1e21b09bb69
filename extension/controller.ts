import * as vscode from 'vscode';
import { runCells } from './execution/run-cells';
import { interruptKernel } from './kernel/interrupt';
import type { Sessions } from './kernel/sessions';
import { launchSettings } from './settings';

export const CONTROLLER_ID = 'tripletlab';
export const CONTROLLER_LABEL = 'TypeScript (tripletlab)';

export interface ControllerEvents {
  /** Our kernel was picked for `notebook` (or the editor picked it when the notebook opened). */
  selected(notebook: vscode.NotebookDocument): void;
  /** Cells of `notebook` ran: what later cells see changed. */
  ran(notebook: vscode.NotebookDocument): void;
}

/** The notebook kernel the editor lists for `.ipynb` files; one kernel process per notebook. */
export function createController(sessions: Sessions, log: (message: string) => void, events: ControllerEvents): vscode.NotebookController {
  const controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, 'jupyter-notebook', CONTROLLER_LABEL);
  controller.supportedLanguages = ['typescript'];
  controller.supportsExecutionOrder = true;
  controller.description = 'TensorFlow.js and triplet-network helpers';
  controller.executeHandler = (cells, notebook) =>
    runCells(sessions.get(notebook), controller, cells, { log, nodePath: () => launchSettings(notebook.uri).nodePath }).finally(() => events.ran(notebook));
  controller.interruptHandler = async (notebook) => {
    const session = sessions.find(notebook);
    if (session) await interruptKernel(session);
  };
  controller.onDidChangeSelectedNotebooks(({ notebook, selected }) => {
    sessions.setSelected(notebook, selected);
    if (selected) events.selected(notebook);
    else void sessions.close(notebook);
  });
  return controller;
}
