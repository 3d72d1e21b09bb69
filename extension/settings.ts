import * as vscode from 'vscode';
import type { KernelLaunchSettings } from './kernel/kernel-argv';

/** Settings under `tripletlab.*`, read for the notebook's folder so per-folder values apply. */
export function launchSettings(scope?: vscode.Uri): KernelLaunchSettings {
  const c = vscode.workspace.getConfiguration('tripletlab', scope);
  return { nodePath: c.get<string>('nodePath', 'node'), typecheck: c.get<string>('typecheck', 'warn') };
}

export function watchEnabled(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('tripletlab', scope).get<boolean>('watch.enabled', true);
}
