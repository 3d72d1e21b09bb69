import * as vscode from 'vscode';
import type { ConfigPatch } from '../contract/comms/config-messages';
import { parseMargin } from './config/margin-value';
import type { NotebookSession } from './kernel/notebook-session';
import { interruptKernel } from './kernel/interrupt';
import { restartKernel } from './kernel/restart';
import type { Sessions } from './kernel/sessions';

function activeSession(sessions: Sessions, command: string): NotebookSession | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  const session = notebook && sessions.find(notebook);
  if (!session) {
    void vscode.window.showWarningMessage(`tripletlab: ${command} needs an open notebook whose kernel is "TypeScript (tripletlab)" and has run a cell.`);
  }
  return session;
}

function sendConfig(session: NotebookSession, patch: ConfigPatch): void {
  try {
    session.kernel.setConfig(patch);
  } catch (err) {
    void vscode.window.showWarningMessage(`tripletlab: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A schedule is set from code (`triplet.schedule...`); a plain value from the editor replaces it
 * for the rest of training, so the user is asked first. Resolves true to go ahead.
 */
async function replacesSchedule(what: 'margin' | 'mining', scheduled: boolean, value: string): Promise<boolean> {
  if (!scheduled) return true;
  const replace = `Replace with ${value}`;
  const choice = await vscode.window.showWarningMessage(
    `The ${what} follows a schedule set in code. Setting ${value} replaces the schedule for the rest of training.`,
    { modal: true },
    replace,
  );
  return choice === replace;
}

/** The `tripletlab.*` commands of package.json's contributes.commands. */
export function registerCommands(sessions: Sessions, channel: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tripletlab.restartKernel', async () => {
      const session = activeSession(sessions, 'Restart Kernel');
      if (session) await restartKernel(session);
    }),
    vscode.commands.registerCommand('tripletlab.interruptKernel', async () => {
      const session = activeSession(sessions, 'Interrupt Kernel');
      if (session) await interruptKernel(session);
    }),
    vscode.commands.registerCommand('tripletlab.setMargin', async () => {
      const session = activeSession(sessions, 'Set Triplet Margin');
      if (!session) return;
      const current = session.kernel.config?.margin;
      const text = await vscode.window.showInputBox({
        prompt: 'Triplet margin α (a distance, ≥ 0)',
        value: current === undefined ? '0.2' : String(current),
        validateInput: (t) => {
          const r = parseMargin(t);
          return 'error' in r ? r.error : undefined;
        },
      });
      if (text === undefined) return;
      const r = parseMargin(text);
      if ('error' in r) void vscode.window.showWarningMessage(r.error);
      else if (await replacesSchedule('margin', session.kernel.config?.marginSchedule !== undefined, String(r.value))) sendConfig(session, { margin: r.value });
    }),
    vscode.commands.registerCommand('tripletlab.setMining', async () => {
      const session = activeSession(sessions, 'Set Mining Strategy');
      if (!session) return;
      const config = session.kernel.config;
      // The kernel sends the names it accepts with its configuration; the editor keeps no copy.
      if (!config) {
        void vscode.window.showWarningMessage('Set Mining Strategy: the kernel has not sent its configuration yet; run a cell that uses triplet first.');
        return;
      }
      const current = config.mining;
      const pick = await vscode.window.showQuickPick(
        config.miningNames.map((label) => ({ label, description: label === current ? 'current' : undefined })),
        { placeHolder: 'Triplet mining strategy for the next training steps' },
      );
      if (pick && (await replacesSchedule('mining', config.miningSchedule !== undefined, `'${pick.label}'`))) sendConfig(session, { mining: pick.label });
    }),
    vscode.commands.registerCommand('tripletlab.showKernelOutput', () => channel.show(true)),
  ];
}
