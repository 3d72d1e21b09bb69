/**
 * What a failed scenario leaves behind for whoever reads the log: a full-page screenshot, the
 * text of every frame (workbench, notebook list, output webviews) and the extension's logs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export function tail(text: string, n = 4000): string {
  return text.length > n ? `…${text.slice(-n)}` : text;
}

/** The visible text of every frame. */
export async function framesText(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const f of page.frames()) {
    const text = await f.evaluate(() => (document.body ? document.body.innerText : '')).catch((err) => `(unreadable: ${String(err)})`);
    if (text.trim()) parts.push(`--- frame ${f.url().slice(0, 100)}\n${text.trim().slice(0, 1500)}`);
  }
  return parts.join('\n');
}

/**
 * VS Code writes each output channel to a file under <user-data-dir>/logs; the "tripletlab" channel
 * has the extension's and the kernel's messages, the extension host log has activation errors.
 */
export function extensionLogs(dataDir: string): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/tripletlab\.log$|^exthost\.log$|^remoteexthost\.log$/.test(entry.name)) found.push({ name: path.slice(dataDir.length + 1), text: readFileSync(path, 'utf8') });
    }
  };
  try {
    walk(join(dataDir, 'logs'));
  } catch {
    /* no logs written yet */
  }
  return found;
}

/** The tripletlab output channel's last lines, or '' before the extension wrote any. */
export function channelTail(dataDir: string, n = 1500): string {
  const channel = extensionLogs(dataDir).find((l) => l.name.endsWith('tripletlab.log'));
  return channel ? tail(channel.text, n) : '';
}

/** Keeps a screenshot of the failure and returns the frames' text and the logs for the test's diagnostics. */
export async function failureReport(page: Page, screenshot: string, dataDir: string, serverLog: string): Promise<string[]> {
  const out: string[] = [];
  await page.screenshot({ path: screenshot, fullPage: true }).then(
    () => out.push(`screenshot: ${screenshot}`),
    (err) => out.push(`no screenshot: ${String(err)}`),
  );
  out.push(`what the page shows, frame by frame:\n${tail(await framesText(page).catch((err) => String(err)), 6000)}`);
  out.push(`code-server output:\n${tail(serverLog)}`);
  for (const log of extensionLogs(dataDir)) out.push(`${log.name}:\n${tail(log.text)}`);
  return out;
}
