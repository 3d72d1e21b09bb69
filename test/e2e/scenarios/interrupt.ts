/**
 * The toolbar's Interrupt stops a busy loop that runs after an `await` (a promise continuation,
 * which Node's SIGINT watchdog does not cover): the cell ends saying it was interrupted, and the
 * kernel answers the next cell.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { outputWithText, until } from '../waits';
import { clickInterrupt, closeAllEditors, codeCells, isRunning, openNotebook, runCell } from '../workbench';

export const interrupt: Scenario = {
  name: 'interrupt',
  timeoutMs: 5 * 60_000,
  prepare: (workspace) => writeNotebook(join(workspace, 'interrupt.ipynb'), [
      // The pause lets the line reach the editor: the loop holds the thread that sends output.
      "console.log('spinning after an await');\nawait new Promise((resolve) => setTimeout(resolve, 200));\nawait null; while (true) {}",
      "'the kernel answers after the interrupt'",
    ]),
  async run({ page, shot, mark }) {
    const editor = await openNotebook(page, 'interrupt.ipynb', 'spinning after an await');
    mark('open');
    const cells = codeCells(editor);
    await runCell(cells.nth(0));
    await outputWithText(page, 'spinning after an await');
    assert.ok(await isRunning(editor), 'the loop is running');
    mark('spinning');
    await shot('busy-loop-running');

    await clickInterrupt(editor);
    // The issue allows a second or two; the wait is generous because the machine is shared.
    await until('the cell to stop after Interrupt', 60_000, async () => !(await isRunning(editor)));
    mark('stopped');
    const said = await outputWithText(page, /interrupt/i);
    const message = await said.getByText(/interrupt/i).first().textContent();
    await shot('busy-loop-interrupted');

    await runCell(cells.nth(1));
    await outputWithText(page, 'the kernel answers after the interrupt');
    mark('answers');
    await shot('kernel-answers-after-interrupt');
    assert.ok(message, 'the interrupted cell says it was interrupted');
    await closeAllEditors(page);
  },
};
