import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory (MB) of a process and all its descendants, from /proc (a wrapper may start the real kernel as a child). */
export function treeRssMb(rootPid: number): number | null {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      parents.set(Number(entry), ppid);
      rss.set(Number(entry), kb);
      if (Number(entry) === rootPid) found = true;
    } catch {
      // the process ended while we read /proc
    }
  }
  if (!found) return null;
  let total = 0;
  for (const [pid, kb] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 0; p = parents.get(p)) {
      if (p === rootPid) {
        total += kb;
        break;
      }
    }
  }
  return total / 1024;
}
