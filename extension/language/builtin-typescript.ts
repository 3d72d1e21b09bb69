import * as vscode from 'vscode';

/** The tsserver plugin that package.json contributes (extension/tsserver-plugin). */
export const TSSERVER_PLUGIN = 'tripletlab-tsserver-plugin';
const TYPESCRIPT_EXTENSION = 'vscode.typescript-language-features';

interface TypeScriptApi {
  configurePlugin(pluginId: string, configuration: unknown): void;
}

/**
 * Tells our tsserver plugin which notebooks run on this kernel, so that VS Code's own TypeScript
 * service stays quiet in their cells (no `any` hover under the kernel's, no second completion
 * list): the kernel's type service answers there, with its globals and the cells that ran.
 */
export class BuiltinTypeScriptQuiet implements vscode.Disposable {
  private readonly notebooks = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(controller: vscode.NotebookController, private readonly log: (message: string) => void) {
    this.subscriptions = [
      controller.onDidChangeSelectedNotebooks(({ notebook, selected }) => this.set(notebook, selected)),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.set(notebook, false)),
    ];
  }

  private set(notebook: vscode.NotebookDocument, onKernel: boolean): void {
    const path = notebook.uri.path;
    if (onKernel === this.notebooks.has(path)) return;
    if (onKernel) this.notebooks.add(path);
    else this.notebooks.delete(path);
    void this.push().catch((err) => this.log(`could not configure VS Code's TypeScript service for notebook cells: ${err instanceof Error ? err.message : String(err)}`));
  }

  private async push(): Promise<void> {
    const extension = vscode.extensions.getExtension<{ getAPI?(version: 0): TypeScriptApi | undefined }>(TYPESCRIPT_EXTENSION);
    // Without VS Code's TypeScript extension (disabled) there is nothing to keep quiet.
    if (!extension) return;
    const api = (await extension.activate())?.getAPI?.(0);
    api?.configurePlugin(TSSERVER_PLUGIN, { notebooks: [...this.notebooks] });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
