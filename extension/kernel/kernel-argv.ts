import { join } from 'node:path';
import type { TypecheckMode } from '../../kernel/api';

const MODES: readonly TypecheckMode[] = ['warn', 'error', 'off'];

export interface KernelLaunchSettings {
  /** `tripletlab.nodePath`: inside the editor `process.execPath` is the editor itself, not Node. */
  nodePath: string;
  /** `tripletlab.typecheck`. */
  typecheck: string;
}

/** The kernel's command line, as kernel.json writes it; `{connection_file}` is filled in by `startKernel`. */
export function kernelArgv(extensionPath: string, settings: KernelLaunchSettings): string[] {
  const node = settings.nodePath.trim();
  if (node === '') {
    throw new Error("kernelArgv: setting 'tripletlab.nodePath' is empty; set it to 'node' or to the full path of a Node.js 20+ binary");
  }
  if (!MODES.includes(settings.typecheck as TypecheckMode)) {
    throw new Error(`kernelArgv: setting 'tripletlab.typecheck' is '${settings.typecheck}'; use one of ${MODES.map((m) => `'${m}'`).join(', ')}`);
  }
  return [node, join(extensionPath, 'out', 'kernel', 'cli', 'main.js'), 'kernel', '--connection-file', '{connection_file}', '--typecheck', settings.typecheck];
}
