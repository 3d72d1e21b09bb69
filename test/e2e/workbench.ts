/**
 * What a person does in the VS Code workbench, one function each: open a file, run a command
 * from the palette, pick the kernel, run all cells, save, close editors, read the status bar.
 */
import { statSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { SLOW_MS, until } from './waits';

export const KERNEL_LABEL = 'TypeScript (tripletlab)';

/** Opens a workspace file with Quick Open and waits for its tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.type(name);
  // The first search after start-up waits for the extensions to activate.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: SLOW_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout: SLOW_MS });
}

/** Runs a command from the palette by its title (the row must contain `row`, the title by default). */
export async function runCommand(page: Page, title: string, row = title): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('Control+Shift+P');
  if (!(await input.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false))) {
    // After a drag or a click in an output, the keyboard belongs to the renderer's webview, which
    // keeps the workbench's shortcuts from VS Code: give the focus back to the workbench and retry.
    await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement | null;
      if (focused) focused.blur();
    });
    await page.keyboard.press('Control+Shift+P');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
  }
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** A status bar entry whose text matches. */
export function statusItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.statusbar-item', { hasText: text }).first();
}

/**
 * The notebook editor on screen. VS Code keeps other notebooks' editors in overlays that are
 * hidden, moved out of the viewport or inert, so the one shown is marked and then located.
 */
export async function visibleNotebook(page: Page, containing = ''): Promise<Locator> {
  // No ?. or ?? in the page's function: run from source, the TypeScript transform would
  // replace them with helpers the page does not have.
  await until(`a notebook editor on screen${containing ? ` showing '${containing}'` : ''}`, SLOW_MS, () =>
    page.evaluate((text) => {
      const shown = Array.from(document.querySelectorAll('.notebookOverlay.notebook-editor')).find((e) => {
        const r = e.getBoundingClientRect();
        const onScreen = getComputedStyle(e).visibility === 'visible' && !e.closest('[inert]') && r.width > 0 && r.top >= 0 && r.left >= 0 && r.top < innerHeight && r.left < innerWidth;
        // The editor draws spaces as no-break spaces.
        return onScreen && (e.textContent || '').replace(/\u00a0/g, ' ').includes(text);
      });
      for (const e of Array.from(document.querySelectorAll('[data-e2e-shown]'))) e.removeAttribute('data-e2e-shown');
      if (shown) shown.setAttribute('data-e2e-shown', '');
      return shown !== undefined;
    }, containing),
  );
  const editor = page.locator('[data-e2e-shown]').first();
  await editor.locator('.cell-list-container').first().waitFor({ timeout: SLOW_MS });
  return editor;
}

export function toolbar(editor: Locator): Locator {
  return editor.locator('.notebook-toolbar-container').first();
}

/** The code cells the notebook list has drawn (it draws only those near the viewport). */
export function codeCells(editor: Locator): Locator {
  return editor.locator('.cell-list-container .monaco-list-row.code-cell-row');
}

/**
 * Makes "TypeScript (tripletlab)" the notebook's kernel. With one controller for
 * jupyter-notebook the editor may pick it by itself; otherwise the toolbar's picker is used.
 */
export async function pickKernel(page: Page, editor: Locator): Promise<void> {
  const bar = toolbar(editor);
  const ours = bar.getByText(KERNEL_LABEL).first();
  const picker = bar.locator('.action-label', { hasText: /Select Kernel|Detecting Kernels/ }).first();
  // The toolbar is drawn before it names a kernel: wait for one or the other.
  const shown = await until('the toolbar to name a kernel or offer Select Kernel', SLOW_MS, async () =>
    (await ours.count()) > 0 ? 'ours' : (await picker.count()) > 0 ? 'picker' : undefined,
  );
  if (shown === 'picker') {
    await picker.click({ timeout: 60_000 });
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: KERNEL_LABEL }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
  }
  await ours.waitFor({ timeout: 60_000 });
}

/** Opens a notebook of the workspace, waits for it on screen and picks our kernel. */
export async function openNotebook(page: Page, name: string, containing = ''): Promise<Locator> {
  await openFile(page, name);
  const editor = await visibleNotebook(page, containing);
  await pickKernel(page, editor);
  return editor;
}

/** Clicks the toolbar's Run All. */
export async function clickRunAll(editor: Locator): Promise<void> {
  await toolbar(editor).getByText('Run All', { exact: true }).first().click();
}

/** Whether the toolbar offers Interrupt: cells of this notebook are running or queued. */
export async function isRunning(editor: Locator): Promise<boolean> {
  return (await toolbar(editor).getByText('Interrupt', { exact: true }).count()) > 0;
}

/** The toolbar's Interrupt, as a person stops a running cell. */
export async function clickInterrupt(editor: Locator): Promise<void> {
  await toolbar(editor).getByText('Interrupt', { exact: true }).first().click();
}

/**
 * Runs one cell with the run button beside it (hovering the cell shows it). The keys that run a
 * cell differ between edit and command mode, the button does not.
 */
export async function runCell(cell: Locator): Promise<void> {
  await cell.hover();
  await cell.locator('.run-button-container .action-label').first().click();
}

/**
 * Saves the active editor `name` (a tab) to `path` and waits until VS Code has written it: the
 * tab is clean again and the file is newer. A clean tab is already saved.
 */
export async function save(page: Page, name: string, path: string): Promise<void> {
  const tab = page.locator('.tab.active', { hasText: name }).first();
  const dirty = async () => /\bdirty\b/.test((await tab.getAttribute('class')) ?? '');
  if (!(await dirty())) return;
  const before = statSync(path).mtimeMs;
  await runCommand(page, 'File: Save', 'File: Save');
  await until(`${name} to be saved`, 60_000, async () => statSync(path).mtimeMs !== before && !(await dirty()));
}

/** Closes every editor without saving, so the notebooks' kernels end and the next scenario starts clean. */
export async function closeAllEditors(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors', 'Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don't Save$/ }).first();
  await until('every editor to close', 60_000, async () => {
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
    return (await page.locator('.tabs-container .tab').count()) === 0;
  });
}
