import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Raised when a notebook cannot be written; the file at `path`, if any, is left as it was. */
export class NotebookWriteError extends Error {
  constructor(path: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`could not write ${path} (${why}); the file there, if any, is unchanged. Free some space or pass -o to write elsewhere.`);
    this.name = 'NotebookWriteError';
  }
}

/** The temporary file beside `path` that a write goes through (hidden, one per process). */
export function temporaryPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/**
 * Writes `text` to `path` all or nothing: into a temporary file beside it, flushed to disk, then
 * renamed over it. A full disk or a crash mid-write leaves the old notebook intact, never a
 * truncated one (a plain write over the input destroyed it on a 1 MB disk).
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = temporaryPathBeside(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new NotebookWriteError(path, err);
  }
}
