/**
 * A type error is shown before anything runs: squiggled in its cell and listed in Problems, from
 * the kernel's type service with the notebook's cells in order.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { SLOW_MS } from '../waits';
import { closeAllEditors, codeCells, openNotebook, runCommand } from '../workbench';

const MESSAGE = "Type 'string' is not assignable to type 'number'";

export const typeError: Scenario = {
  name: 'type-error',
  timeoutMs: 5 * 60_000,
  prepare: (workspace) => writeNotebook(join(workspace, 'type-error.ipynb'), ['const scale: number = 2;\nscale * 3', "const n: number = 'a';"]),
  async run({ page, shot, mark }) {
    const editor = await openNotebook(page, 'type-error.ipynb', "const n: number = 'a';");
    mark('open');

    const cells = codeCells(editor);
    const wrong = cells.filter({ hasText: "const n: number = 'a';" }).first();
    await wrong.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: SLOW_MS });
    mark('squiggle');
    assert.equal(await cells.first().locator('.squiggly-error').count(), 0, 'the first cell has no type error');
    assert.equal(await editor.locator('.codicon-notebook-state-success, .codicon-notebook-state-error, .codicon-notebook-state-executing').count(), 0, 'no cell has run');

    await runCommand(page, 'View: Focus on Problems View', 'Problems');
    const problems = page.locator('.markers-panel');
    const row = problems.locator('.monaco-list-row', { hasText: MESSAGE }).first();
    await row.waitFor({ timeout: 60_000 });
    mark('problems');
    const all = await problems.locator('.monaco-list-row').allInnerTexts();
    assert.ok(all.some((t) => t.includes('type-error.ipynb')), `Problems names the notebook: ${JSON.stringify(all)}`);
    assert.equal(all.filter((t) => t.includes('not assignable')).length, 1, `one type error, in the second cell: ${JSON.stringify(all)}`);
    await shot('type-error-squiggled-and-in-problems');
    await runCommand(page, 'View: Hide Panel', 'Hide Panel');
    await closeAllEditors(page);
  },
};
