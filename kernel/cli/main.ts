#!/usr/bin/env node
import { UsageError } from './usage-error';

const HELP = `tripletlab: a TypeScript Jupyter kernel with TensorFlow.js and triplet-network helpers

Usage:
  tripletlab kernel --connection-file FILE [--typecheck warn|error|off] [--cwd DIR]
  tripletlab install [--user | --sys-prefix | --prefix DIR] [--name NAME]
  tripletlab run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout SECONDS] [--allow-errors]
  tripletlab start [NN | list]   run the first tutorials (00, 01) and print a summary;
                                 NN runs tutorial NN, list lists them (npm start -- 03)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'kernel':
      await (await import('./kernel-command')).kernelCommand(rest);
      return -1; // keeps running until shutdown_request
    case 'install':
      return (await import('./install-command')).installCommand(rest);
    case 'run':
      return (await import('./run-command')).runCommand(rest);
    case 'start':
      return (await import('./start-command')).startCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`tripletlab: unknown command '${command}' (commands: kernel, install, run, start; see tripletlab --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // Exit explicitly: a finished run must not wait on sockets or timers that libraries left open.
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`tripletlab: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
