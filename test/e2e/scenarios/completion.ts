/**
 * Completion and hover in a cell come from the kernel: `triplet.` offers `fit`, a tensor declared
 * in an earlier, executed cell offers its methods, `tf.` typed at full speed stays `tf.` (no
 * keyword is committed by the dot), and hovering `triplet.fit` shows its signature and nothing from
 * VS Code's own TypeScript service.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { writeNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { SLOW_MS, outputWithText, until } from '../waits';
import { clickRunAll, closeAllEditors, codeCells, isRunning, openNotebook } from '../workbench';

function suggestion(page: Page, label: string): Locator {
  return page.locator('.suggest-widget.visible .monaco-list-row', { hasText: new RegExp(`^\\W*${label}\\b`) }).first();
}

/** Clicks into the cell's editor and replaces its text by typing `text`. */
async function typeInto(page: Page, cell: Locator, text: string): Promise<void> {
  await cell.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

export const completion: Scenario = {
  name: 'completion',
  timeoutMs: 5 * 60_000,
  prepare: (workspace) => writeNotebook(join(workspace, 'completion.ipynb'), ["const emb = tf.tensor2d([[1, 2], [3, 4]]);\n`emb has shape ${emb.shape.join('x')}`", '']),
  async run({ page, shot, mark }) {
    const editor = await openNotebook(page, 'completion.ipynb', 'const emb');
    mark('open');
    await clickRunAll(editor);
    await outputWithText(page, 'emb has shape 2x2');
    await until('the run to end', SLOW_MS, async () => !(await isRunning(editor)));
    mark('ran');

    const last = codeCells(editor).nth(1);
    await typeInto(page, last, 'triplet.f');
    await suggestion(page, 'fit').waitFor({ timeout: 60_000 });
    mark('tripletFit');
    await shot('completion-triplet-fit');
    await page.keyboard.press('Escape');

    await typeInto(page, last, 'emb.resh');
    await suggestion(page, 'reshape').waitFor({ timeout: 60_000 });
    mark('earlierCell');
    await shot('completion-on-earlier-cell-tensor');
    await page.keyboard.press('Escape');

    await typeInto(page, last, 'tf.');
    await page.keyboard.press('Escape');
    await until("the cell to read 'tf.'", 10_000, async () => ((await last.locator('.view-lines').first().innerText()).trim() === 'tf.' ? true : undefined));

    // Escape may have left the cell editor (no suggestion was open): typeInto clicks back into it.
    await typeInto(page, last, 'triplet.fit');
    await page.keyboard.press('Escape');
    // A person hovers the name with the mouse.
    await last.locator('.view-line span span', { hasText: /^fit$/ }).last().hover();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /function fit<M extends EmbeddingModel>\(model/ }).first();
    await hover.waitFor({ timeout: 60_000 });
    mark('hover');
    // VS Code's own TypeScript service, which sees the cell alone, answered `any` under the
    // kernel's hover until our tsserver plugin kept it quiet in the kernel's notebooks. Its answer
    // comes within a second of ours when it comes.
    await page.waitForTimeout(2_000);
    const hoverText = await hover.innerText();
    if (/^\s*any\s*$/m.test(hoverText)) throw new Error(`the hover has VS Code's own 'any' under the kernel's answer:\n${hoverText}`);
    await shot('hover-triplet-fit');
    await closeAllEditors(page);
  },
};
