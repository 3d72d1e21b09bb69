/** "tripletlab: New TypeScript Notebook" opens a notebook on our kernel whose cell runs TypeScript. */
import assert from 'node:assert/strict';
import type { Scenario } from '../scenario';
import { SLOW_MS, outputWithText } from '../waits';
import { KERNEL_LABEL, clickRunAll, closeAllEditors, runCommand, toolbar, visibleNotebook } from '../workbench';

export const newNotebook: Scenario = {
  name: 'new-notebook',
  timeoutMs: 5 * 60_000,
  async run({ page, shot, mark }) {
    await runCommand(page, 'tripletlab: New TypeScript Notebook', 'New TypeScript Notebook');
    await page.locator('.tab.active', { hasText: /Untitled-\d+\.ipynb/ }).first().waitFor({ timeout: SLOW_MS });
    const editor = await visibleNotebook(page);
    await toolbar(editor).getByText(KERNEL_LABEL).first().waitFor({ timeout: SLOW_MS });
    mark('open');
    const cell = editor.locator('.cell-list-container .code-cell-row').first();
    // The cell's status bar names its language.
    await cell.getByText('TypeScript', { exact: true }).first().waitFor({ timeout: 60_000 });
    // Two lines typed in one cell, run with the toolbar's Run All: the keys that run a cell
    // differ between edit and command mode.
    await cell.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.type("const greeting: string = 'from a new notebook';");
    await page.keyboard.press('Escape');
    await cell.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('greeting.toUpperCase()');
    await page.keyboard.press('Escape');
    await clickRunAll(editor);
    await outputWithText(page, "'FROM A NEW NOTEBOOK'");
    mark('ran');
    assert.equal(await editor.locator('.codicon-notebook-state-error').count(), 0, 'the cell did not fail');
    await shot('new-typescript-notebook');
    await closeAllEditors(page);
  },
};
