import * as vscode from 'vscode';
import { statusText, statusTooltip } from './config/config-text';
import type { NotebookSession } from './kernel/notebook-session';
import type { Sessions } from './kernel/sessions';

/** Shows the active notebook kernel's margin and mining, kept live from the config comm's broadcasts. */
export class ConfigStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tripletlab.config', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly sessions: Sessions) {
    this.item.name = 'tripletlab triplet configuration';
    this.item.command = 'tripletlab.setMargin';
    this.subscriptions = [
      vscode.window.onDidChangeActiveNotebookEditor(() => this.refresh()),
      sessions.onDidChangeConfig(({ session }) => this.changed(session)),
    ];
  }

  /** A session's configuration changed or went away: redraw if it is the active notebook's. */
  private changed(session: NotebookSession): void {
    if (vscode.window.activeNotebookEditor?.notebook === session.notebook) this.refresh();
  }

  refresh(): void {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    const session = notebook && this.sessions.find(notebook);
    const config = session?.kernel.isRunning && session.kernel.configOpen ? session.kernel.config : undefined;
    if (!config) {
      this.item.hide();
      return;
    }
    this.item.text = statusText(config);
    this.item.tooltip = statusTooltip(config);
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
