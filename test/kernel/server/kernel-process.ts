import { join } from 'node:path';
import { startKernel, RunningKernel } from '../../../kernel/wire/launcher';
import { nodeArgs, repoRoot } from '../../support/paths';

/** The real kernel as Jupyter starts it: from source under sucrase while developing, else the built CLI. */
export function kernelArgv(extra: string[] = []): string[] {
  const root = repoRoot();
  const cli = __filename.endsWith('.ts') ? join(root, 'kernel', 'cli', 'main.ts') : join(root, 'out', 'kernel', 'cli', 'main.js');
  return [process.execPath, ...nodeArgs(cli), 'kernel', ...extra, '--connection-file', '{connection_file}'];
}

export function startTestKernel(options: { cwd?: string; extra?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<RunningKernel> {
  return startKernel({ argv: kernelArgv(options.extra), cwd: options.cwd ?? repoRoot(), env: { ...process.env, ...options.env }, readyTimeoutMs: 60_000 });
}

export function texts(outputs: { header: { msg_type: string }; content: Record<string, any> }[]): string {
  return outputs
    .map((m) => (m.header.msg_type === 'stream' ? m.content.text : m.header.msg_type === 'error' ? `${m.content.ename}: ${m.content.evalue}` : JSON.stringify(m.content.data ?? m.content)))
    .join('\n');
}
