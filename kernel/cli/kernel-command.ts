import { resolve } from 'node:path';
import type { TypecheckMode } from '../api';
import { ConnectionFileError, readConnectionFileSync } from '../wire/connection';
import { parseArgs, UsageError } from './usage-error';

const MODES: TypecheckMode[] = ['warn', 'error', 'off'];

/** `tripletlab kernel --connection-file F [--typecheck warn|error|off] [--cwd DIR]`: what kernel.json's argv runs. */
export async function kernelCommand(argv: string[]): Promise<void> {
  const { positional, options } = parseArgs(argv, { 'connection-file': true, typecheck: true, cwd: true, debug: false }, { '-f': 'connection-file' }, 'tripletlab kernel');
  if (positional.length > 0) throw new UsageError(`tripletlab kernel: unexpected argument '${positional[0]}'; pass the connection file with --connection-file FILE`);
  const file = options['connection-file'];
  if (typeof file !== 'string') throw new UsageError('tripletlab kernel: missing --connection-file FILE (Jupyter passes it through kernel.json as {connection_file})');
  const typecheck = (options.typecheck ?? process.env.TRIPLETLAB_TYPECHECK ?? 'warn') as TypecheckMode;
  if (!MODES.includes(typecheck)) throw new UsageError(`tripletlab kernel: --typecheck must be one of ${MODES.join(', ')}, got '${typecheck}'`);
  let connection;
  try {
    connection = readConnectionFileSync(resolve(file));
  } catch (err) {
    if (err instanceof ConnectionFileError) throw new UsageError(err.message);
    throw new UsageError(`tripletlab kernel: cannot read connection file '${file}': ${(err as Error).message}`);
  }
  // The socket thread boots (the longest step of start-up) while the rest of the kernel loads.
  const { startSocketThread } = await import('../server/socket-thread-start');
  const { parentToWatch, ownedFolder } = await import('../server/parent-watch');
  const socketThread = startSocketThread(connection, options.debug === true, { parentPid: parentToWatch(process.env), ownedDir: ownedFolder(process.env, file) });
  const { KernelServer } = await import('../server');
  const server = new KernelServer({ connection, cwd: resolve(typeof options.cwd === 'string' ? options.cwd : process.cwd()), typecheck, debug: options.debug === true, socketThread });
  try {
    await server.ready;
  } catch (err) {
    throw new UsageError(`tripletlab kernel: ${(err as Error).message}`);
  }
}
