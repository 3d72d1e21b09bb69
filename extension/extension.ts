import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { createController } from './controller';
import { showLateOutput } from './execution/late-output';
import { restartKernel } from './kernel/restart';
import { savedWithThisKernel, Sessions } from './kernel/sessions';
import { BuiltinTypeScriptQuiet } from './language/builtin-typescript';
import { KernelLanguageFeatures } from './language/kernel-language';
import { adoptNotebook, newTypeScriptNotebook } from './notebook/typescript-notebook';
import { RendererBridge } from './renderer-messaging';
import { watchEnabled } from './settings';
import { ConfigStatusBar } from './status-bar';

let sessions: Sessions | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('tripletlab');
  sessions = new Sessions(context.extensionPath, channel);
  const died = sessions.onDidKernelDie(({ session, error: err }) => {
    const name = session.notebook.uri.path.split('/').pop();
    void vscode.window
      .showErrorMessage(`tripletlab: the kernel of ${name} exited (${err.signal ?? `code ${err.code}`}). The notebook is unchanged; its variables are lost.`, 'Restart Kernel', 'Show Kernel Output')
      .then((choice) => {
        if (choice === 'Restart Kernel') void restartKernel(session);
        if (choice === 'Show Kernel Output') channel.show(true);
      });
  });
  const statusBar = new ConfigStatusBar(sessions);
  const bridge = new RendererBridge(sessions);
  const log = (message: string) => channel.appendLine(message);
  const language = new KernelLanguageFeatures(sessions, log);
  const controller = createController(sessions, log, {
    selected: (notebook) => {
      void adoptNotebook(notebook).catch((err) => log(`could not make ${notebook.uri.path} a TypeScript notebook: ${err instanceof Error ? err.message : String(err)}`));
      language.recheck(notebook);
    },
    ran: (notebook) => language.recheck(notebook),
  });
  const opened = (notebook: vscode.NotebookDocument) => {
    if (!savedWithThisKernel(notebook)) return;
    controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
    language.recheck(notebook);
  };
  context.subscriptions.push(
    channel,
    died,
    statusBar,
    bridge,
    sessions,
    language,
    controller,
    new BuiltinTypeScriptQuiet(controller, log),
    showLateOutput(sessions, controller, log),
    // A notebook saved with our kernelspec gets our kernel preferred and its cells checked at once.
    vscode.workspace.onDidOpenNotebookDocument(opened),
    vscode.commands.registerCommand('tripletlab.newNotebook', () => newTypeScriptNotebook(controller, context.extension.id)),
    ...registerCommands(sessions, channel),
    vscode.workspace.onDidCloseNotebookDocument((nb) => void sessions?.close(nb)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tripletlab.watch.enabled')) return;
      for (const s of sessions?.all() ?? []) if (s.kernel.configOpen) s.kernel.setConfig({ watch: watchEnabled(s.notebook.uri) });
    }),
  );
  // The notebook that activated the extension is already open.
  for (const notebook of vscode.workspace.notebookDocuments) opened(notebook);
}

export async function deactivate(): Promise<void> {
  const s = sessions;
  sessions = undefined;
  await Promise.all((s?.all() ?? []).map((x) => x.kernel.dispose()));
}
