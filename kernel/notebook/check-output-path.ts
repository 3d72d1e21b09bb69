import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { temporaryPathBeside } from './write-atomic';

/** The place a notebook is to be written cannot take it; says what is wrong and what to pass instead. */
export class OutputPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputPathError';
  }
}

/**
 * Checks, before any cell runs, that a notebook can be written at `path`: its folder exists, is a
 * folder and takes a new file (tried for real, with the temporary name writeFileAtomic uses, so a
 * read-only disk or missing permission shows up too), and `path` itself is not a folder. A run of
 * many minutes must not end with nowhere to put its outputs.
 */
export function checkOutputPath(path: string): void {
  const dir = dirname(path);
  let folder;
  try {
    folder = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OutputPathError(`output folder ${dir} does not exist; create it or pass -o with a path in an existing folder`);
    if (code === 'ENOTDIR') throw new OutputPathError(`output folder ${dir} is not a folder (a file is in the way); pass -o with a path in a folder`);
    throw new OutputPathError(`cannot use output folder ${dir} (${code ?? (err as Error).message}); pass -o with a path in another folder`);
  }
  if (!folder.isDirectory()) throw new OutputPathError(`output folder ${dir} is not a folder; pass -o with a path in a folder`);
  let target;
  try {
    target = statSync(path);
  } catch {
    target = undefined;
  }
  if (target?.isDirectory()) throw new OutputPathError(`output path ${path} is a folder; pass -o with a file path such as ${join(path, 'out.ipynb')}`);
  const probe = temporaryPathBeside(path);
  try {
    closeSync(openSync(probe, 'w', 0o644));
    rmSync(probe, { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new OutputPathError(`cannot write in output folder ${dir} (${code}); check its permissions or pass -o with a path in another folder`);
  }
}
