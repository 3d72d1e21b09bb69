import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Set by tripletlab's launcher: the folder it made for this kernel's connection file. */
export const KERNEL_DIR_ENV = 'TRIPLETLAB_KERNEL_DIR';

/** How often the parent is checked; ipykernel's ParentPoller checks once a second too. */
export const PARENT_POLL_MS = 1000;

/**
 * The process that launched the kernel, as Jupyter clients name it (`JPY_PARENT_PID`). Without
 * it, or when it is init (pid 1, never goes away), the kernel does not watch its parent, as in
 * ipykernel.
 */
export function parentToWatch(env: NodeJS.ProcessEnv): number | undefined {
  const pid = Number(env.JPY_PARENT_PID);
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `gone` once when the launching process has exited: either `parentPid` no longer exists,
 * or this process was re-parented (to init or a subreaper), which is how an orphan looks on
 * POSIX when the launcher was a wrapper between it and `parentPid`. Runs on the socket thread,
 * so a cell spinning on the main thread does not keep an orphan alive.
 */
export function watchParent(parentPid: number, gone: (why: string) => void, everyMs = PARENT_POLL_MS): () => void {
  const originalPpid = process.ppid;
  const timer = setInterval(() => {
    let why: string | undefined;
    if (!exists(parentPid)) why = `its parent process ${parentPid} has exited`;
    else if (process.ppid !== originalPpid) why = `it was re-parented from process ${originalPpid} to ${process.ppid} (its launcher exited)`;
    if (why === undefined) return;
    clearInterval(timer);
    gone(why);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The folder the kernel may remove if its launcher dies: only the one named by the launcher, and
 * only when it is the connection file's own folder (never a folder anyone else passed).
 */
export function ownedFolder(env: NodeJS.ProcessEnv, connectionFile: string): string | undefined {
  const dir = env[KERNEL_DIR_ENV];
  if (!dir) return undefined;
  return resolve(dir) === dirname(resolve(connectionFile)) ? resolve(dir) : undefined;
}

/** Removes the folder the launcher made for this kernel (its connection file), when the launcher can no longer do it. */
export function removeOwnedFolder(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
