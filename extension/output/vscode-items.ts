import * as vscode from 'vscode';
import { ERROR_MIME, type OutputSpec } from './cell-outputs';
import type { ItemSpec } from './mime-items';

export function toOutputItem(item: ItemSpec): vscode.NotebookCellOutputItem {
  switch (item.kind) {
    case 'text':
      return vscode.NotebookCellOutputItem.text(item.value, item.mime);
    case 'bytes':
      return new vscode.NotebookCellOutputItem(item.value, item.mime);
    case 'json':
      if (item.mime === ERROR_MIME) {
        const v = item.value as { name: string; message: string; stack: string };
        return vscode.NotebookCellOutputItem.error({ name: v.name, message: v.message, stack: v.stack });
      }
      return vscode.NotebookCellOutputItem.json(item.value, item.mime);
  }
}

export function toOutput(spec: OutputSpec): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput(spec.items.map(toOutputItem), spec.metadata);
}
