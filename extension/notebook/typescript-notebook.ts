import * as vscode from 'vscode';
import { tripletlabNotebookMetadata } from '../../kernel/notebook/kernel-metadata';
import { withTripletlabKernel, type IpynbMetadata } from './ipynb-metadata';

/**
 * Makes a notebook whose kernel was just set to ours a TypeScript notebook: empty code cells in
 * another language (the Python cell "Create: New Jupyter Notebook" starts with) become TypeScript,
 * and the kernelspec and language_info are written so the saved file says what runs it.
 * Cells with code in another language are left as they are: they are the user's.
 */
export async function adoptNotebook(notebook: vscode.NotebookDocument): Promise<void> {
  for (const cell of notebook.getCells()) {
    if (cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId !== 'typescript' && cell.document.getText().trim() === '') {
      await vscode.languages.setTextDocumentLanguage(cell.document, 'typescript');
    }
  }
  const metadata = withTripletlabKernel(notebook.metadata.metadata as IpynbMetadata | undefined);
  if (!metadata) return;
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata({ ...notebook.metadata, metadata })]);
  await vscode.workspace.applyEdit(edit);
}

/** "tripletlab: New TypeScript Notebook": an untitled notebook with one TypeScript cell, on our kernel. */
export async function newTypeScriptNotebook(controller: vscode.NotebookController, extensionId: string): Promise<void> {
  const data = new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '', 'typescript')]);
  data.metadata = { cells: [], metadata: tripletlabNotebookMetadata(), nbformat: 4, nbformat_minor: 5 };
  const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
  controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
  await vscode.window.showNotebookDocument(notebook);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: controller.id, extension: extensionId });
}
