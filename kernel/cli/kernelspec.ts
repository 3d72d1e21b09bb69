import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageRoot } from '../paths';
import { UsageError } from './usage-error';

export const KERNEL_NAME = 'tripletlab';

/** kernel.json ("Kernel specs", jupyter_client docs): absolute node and script paths so any client can start it. */
export function kernelSpec(): Record<string, unknown> {
  return {
    argv: [process.execPath, join(packageRoot(), 'out', 'kernel', 'cli', 'main.js'), 'kernel', '--connection-file', '{connection_file}'],
    display_name: 'TypeScript (tripletlab)',
    language: 'typescript',
    interrupt_mode: 'message',
    env: {},
    metadata: { debugger: false },
  };
}

export type InstallTarget = { kind: 'user' } | { kind: 'sys-prefix' } | { kind: 'prefix'; prefix: string };

/** Where Jupyter looks for kernelspecs for each target (jupyter_core.paths). */
export function kernelsDir(target: InstallTarget): string {
  switch (target.kind) {
    case 'user': {
      const data = process.env.JUPYTER_DATA_DIR ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jupyter');
      return join(data, 'kernels');
    }
    case 'prefix':
      return join(resolve(target.prefix), 'share', 'jupyter', 'kernels');
    case 'sys-prefix': {
      let prefix: string;
      try {
        prefix = execFileSync('python3', ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
      } catch {
        throw new UsageError('tripletlab install: --sys-prefix needs the python3 of your Jupyter environment on PATH; use --user or --prefix DIR instead');
      }
      return join(prefix, 'share', 'jupyter', 'kernels');
    }
  }
}

/** Writes kernel.json and the 32×32 / 64×64 logos; returns the kernelspec folder. */
export function installKernelSpec(target: InstallTarget, name = KERNEL_NAME): string {
  const dir = join(kernelsDir(target), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(kernelSpec(), null, 2) + '\n');
  for (const size of ['32x32', '64x64']) {
    copyFileSync(join(packageRoot(), 'kernel', 'kernelspec', `logo-${size}.png`), join(dir, `logo-${size}.png`));
  }
  return dir;
}
