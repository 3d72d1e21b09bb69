import * as vscode from 'vscode';
import { isRendererToExtensionMessage, type ExtensionToRendererMessage } from '../contract/payloads/renderer-messages';
import { marginProblem } from './config/margin-value';
import type { NotebookSession } from './kernel/notebook-session';
import type { Sessions } from './kernel/sessions';

export const RENDERER_ID = 'tripletlab.renderer';

/**
 * Messages from the plots: dragging a histogram's margin line sends `{ type: 'setMargin', value }`,
 * forwarded to the notebook's kernel on the config comm; the kernel's answer moves every plot's line.
 */
export class RendererBridge implements vscode.Disposable {
  private readonly messaging = vscode.notebooks.createRendererMessaging(RENDERER_ID);
  private readonly subscriptions: vscode.Disposable[];

  constructor(sessions: Sessions) {
    // A margin set from the editor or a plot moves every plot's line; one set by a cell's code is drawn by that cell.
    const applied = sessions.onDidChangeConfig(({ session, config, source }) => {
      if (config && source !== 'code') this.marginApplied(session, config.margin);
    });
    const received = this.messaging.onDidReceiveMessage(({ editor, message }) => {
      // Webview messages are untrusted input: anything but a well-formed setMargin is ignored.
      if (!isRendererToExtensionMessage(message)) return;
      const problem = marginProblem(message.value, 'tripletlab plot');
      if (problem) {
        void vscode.window.showWarningMessage(problem);
        return;
      }
      const session = sessions.find(editor.notebook);
      if (!session?.kernel.isRunning) {
        void vscode.window.showWarningMessage('tripletlab plot: no kernel is running for this notebook; run a cell, then drag the margin again.');
        return;
      }
      try {
        session.kernel.setConfig({ margin: message.value });
      } catch (err) {
        void vscode.window.showWarningMessage(`tripletlab plot: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    this.subscriptions = [applied, received];
  }

  /** Tells the plots of this notebook that the kernel's margin is now `value`. */
  marginApplied(session: NotebookSession, value: number): void {
    const message: ExtensionToRendererMessage = { type: 'marginApplied', value };
    for (const editor of vscode.window.visibleNotebookEditors) {
      if (editor.notebook === session.notebook) void this.messaging.postMessage(message, editor);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
