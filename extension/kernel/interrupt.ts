import * as vscode from 'vscode';
import type { NotebookSession } from './notebook-session';
import { restartKernel } from './restart';

/** Interrupts the running cell; when the kernel cannot stop it, says why and offers a restart. */
export async function interruptKernel(session: NotebookSession): Promise<void> {
  try {
    await session.kernel.interrupt();
  } catch (err) {
    const choice = await vscode.window.showWarningMessage(`tripletlab: ${err instanceof Error ? err.message : String(err)}`, 'Restart Kernel');
    if (choice === 'Restart Kernel') await restartKernel(session);
  }
}
