/**
 * Waiting on what the screen shows. A whole VS Code in a browser on a shared 2-core machine is
 * slow, so every wait is on a condition with a generous limit, never a fixed sleep.
 */
import type { Frame, Page } from 'playwright-core';

/** First notebook open, first kernel start and first renderer load each take seconds on 2 cores. */
export const SLOW_MS = 120_000;

/** Polls `probe` every half second until it returns something truthy; frames come and go meanwhile. */
export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`vscode.test: timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/** Notebook outputs live in webview iframes: the first frame other than the workbench for which `find` holds. */
export async function outputFrame(page: Page, what: string, find: (f: Frame) => Promise<boolean>, timeoutMs = SLOW_MS): Promise<Frame> {
  return until(what, timeoutMs, async () => {
    for (const f of page.frames()) if (f !== page.mainFrame() && (await find(f).catch(() => false))) return f;
    return undefined;
  });
}

/** The first output frame showing `text` (a string matches a substring, as getByText does). */
export function outputWithText(page: Page, text: string | RegExp, timeoutMs = SLOW_MS): Promise<Frame> {
  return outputFrame(page, `an output showing ${String(text)}`, async (f) => (await f.getByText(text).count()) > 0, timeoutMs);
}
