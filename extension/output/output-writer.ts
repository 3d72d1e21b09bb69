import type * as vscode from 'vscode';
import type { OutputOp } from './cell-outputs';
import { toOutput, toOutputItem } from './vscode-items';

/**
 * Applies output operations through a running cell execution, one after the other (each edit
 * is asynchronous and their order is the order of the kernel's messages). An execution may
 * edit outputs of other cells too, which `update_display_data` needs.
 */
export class OutputWriter {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly execution: vscode.NotebookCellExecution,
    /** Notebook-wide: output id → the editor's output object. */
    private readonly outputs: Map<string, vscode.NotebookCellOutput>,
    private readonly report: (message: string) => void,
  ) {}

  apply(cell: vscode.NotebookCell, ops: OutputOp[]): void {
    for (const op of ops) this.chain = this.chain.then(() => this.one(cell, op)).catch((err) => this.report(`output update failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  flush(): Promise<unknown> {
    return this.chain;
  }

  private one(cell: vscode.NotebookCell, op: OutputOp): Thenable<void> | undefined {
    switch (op.op) {
      case 'clear':
        return this.execution.clearOutput(cell);
      case 'append': {
        const output = toOutput(op.output);
        this.outputs.set(op.output.id, output);
        return this.execution.appendOutput(output, cell);
      }
      case 'appendItems': {
        const output = this.outputs.get(op.outputId);
        return output && this.execution.appendOutputItems(op.items.map(toOutputItem), output);
      }
      case 'replaceItems': {
        const output = this.outputs.get(op.outputId);
        // An output cleared since then is gone from the notebook; the editor rejects that edit and
        // the rejection is reported, not thrown.
        return output && this.execution.replaceOutputItems(op.items.map(toOutputItem), output);
      }
    }
  }
}
