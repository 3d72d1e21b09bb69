import * as vscode from 'vscode';
import { launchSettings } from '../settings';
import type { NotebookSession } from './notebook-session';
import { startFailure } from './start-failure';

/**
 * Restarts a notebook's kernel with progress shown; a failed start says which setting to fix and
 * offers to open it, rather than the launcher's words about kernelspec argv.
 */
export async function restartKernel(session: NotebookSession): Promise<void> {
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'tripletlab: restarting the kernel' }, async () => {
      session.resetOutputsState();
      await session.kernel.restart();
    });
  } catch (err) {
    const reported = startFailure(err, launchSettings(session.notebook.uri).nodePath);
    const openSettings = reported.name === 'KernelStartError' ? ['Open Settings'] : [];
    const choice = await vscode.window.showErrorMessage(`tripletlab: restart failed. ${reported.message}`, ...openSettings);
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'tripletlab.nodePath');
  }
}
