import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { ConfigSource, SerialConfig } from '../../contract/comms/config-messages';
import type { Message } from '../../kernel/wire/messages';
import { launchSettings, watchEnabled } from '../settings';
import { kernelArgv } from './kernel-argv';
import type { KernelDiedError } from './kernel-died-error';
import { NotebookSession } from './notebook-session';

/**
 * A session's configuration changed (`source`: who changed it), or went away (no `config`: the
 * kernel closed the config comm or is no longer running, so the controls have nothing to show).
 */
export interface ConfigChange {
  session: NotebookSession;
  config?: SerialConfig;
  source?: ConfigSource;
}

/** The nbformat metadata names this kernel (VS Code's ipynb serializer keeps it under `metadata.metadata`). */
export function savedWithThisKernel(notebook: vscode.NotebookDocument): boolean {
  const metadata = notebook.metadata.metadata as { kernelspec?: { name?: unknown } } | undefined;
  return notebook.notebookType === 'jupyter-notebook' && metadata?.kernelspec?.name === 'tripletlab';
}

/** One session per open notebook that uses this kernel, created on the first run. */
export class Sessions implements vscode.Disposable {
  private readonly byUri = new Map<string, NotebookSession>();
  /** Notebooks whose kernel was picked: ours, or explicitly another (onDidChangeSelectedNotebooks). */
  private readonly selected = new Set<string>();
  private readonly deselected = new Set<string>();
  private readonly configChanged = new vscode.EventEmitter<ConfigChange>();
  private readonly kernelDied = new vscode.EventEmitter<{ session: NotebookSession; error: KernelDiedError }>();
  /** Fires for every session's configuration broadcast, and when it goes away. */
  readonly onDidChangeConfig = this.configChanged.event;
  readonly onDidKernelDie = this.kernelDied.event;
  private readonly iopubReceived = new vscode.EventEmitter<{ session: NotebookSession; msg: Message }>();
  /** Every IOPub message of every kernel, also those that arrive after their cell finished. */
  readonly onDidReceiveIOPub = this.iopubReceived.event;

  constructor(
    private readonly extensionPath: string,
    private readonly channel: vscode.OutputChannel,
  ) {}

  setSelected(notebook: vscode.NotebookDocument, selected: boolean): void {
    const key = notebook.uri.toString();
    (selected ? this.selected : this.deselected).add(key);
    (selected ? this.deselected : this.selected).delete(key);
  }

  /**
   * Whether the notebook runs on this kernel. The editor reports a selection only once the user
   * picks a kernel or runs a cell, so a notebook saved with our kernelspec counts as ours from
   * the moment it opens (the controller is its preferred kernel), unless another was picked.
   */
  isSelected(notebook: vscode.NotebookDocument): boolean {
    const key = notebook.uri.toString();
    if (this.selected.has(key)) return true;
    return !this.deselected.has(key) && savedWithThisKernel(notebook);
  }

  find(notebook: vscode.NotebookDocument): NotebookSession | undefined {
    return this.byUri.get(notebook.uri.toString());
  }

  get(notebook: vscode.NotebookDocument): NotebookSession {
    const key = notebook.uri.toString();
    let session = this.byUri.get(key);
    if (session) return session;
    const name = basename(notebook.uri.path);
    session = new NotebookSession(notebook, {
      argv: () => kernelArgv(this.extensionPath, launchSettings(notebook.uri)),
      output: (_stream, text) => this.channel.append(text.replace(/^(?=.)/gm, `[${name}] `)),
      died: (err) => {
        this.channel.appendLine(`[${name}] ${err.message}`);
        this.configChanged.fire({ session: session! });
        this.kernelDied.fire({ session: session!, error: err });
      },
      config: {
        config: (config, source) => this.configChanged.fire({ session: session!, config, source }),
        error: (message) => {
          this.channel.appendLine(`[${name}] tripletlab.config: ${message}`);
          void vscode.window.showWarningMessage(`tripletlab: the kernel refused the setting: ${message}`);
        },
        closed: () => this.configChanged.fire({ session: session! }),
      },
      initialConfig: () => ({ watch: watchEnabled(notebook.uri) }),
      iopub: (msg) => this.iopubReceived.fire({ session: session!, msg }),
    });
    this.byUri.set(key, session);
    return session;
  }

  all(): NotebookSession[] {
    return [...this.byUri.values()];
  }

  async close(notebook: vscode.NotebookDocument): Promise<void> {
    const key = notebook.uri.toString();
    this.selected.delete(key);
    this.deselected.delete(key);
    const session = this.byUri.get(key);
    if (!session) return;
    this.byUri.delete(key);
    this.configChanged.fire({ session });
    await session.kernel.dispose();
  }

  dispose(): void {
    for (const s of this.byUri.values()) void s.kernel.dispose();
    this.byUri.clear();
    this.configChanged.dispose();
    this.kernelDied.dispose();
    this.iopubReceived.dispose();
  }
}
