/**
 * Output printed after its cell finished (a timer the cell started) appears under that cell,
 * not under the cell running at the time, nor nowhere.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { SLOW_MS, outputWithText, until } from '../waits';
import { clickRunAll, closeAllEditors, codeCells, isRunning, openNotebook } from '../workbench';

const LATE = 'late: printed a second after its cell ended';

export const lateOutput: Scenario = {
  name: 'late-output',
  timeoutMs: 5 * 60_000,
  prepare: (workspace) => writeNotebook(join(workspace, 'late-output.ipynb'), [
      `setTimeout(() => console.log('${LATE}'), 1000); 1`,
      "// Still running when the first cell's timer fires.\nawait new Promise((resolve) => setTimeout(resolve, 4000));\n'second cell done'",
    ]),
  async run({ page, shot, mark }) {
    const editor = await openNotebook(page, 'late-output.ipynb', "'second cell done'");
    mark('open');
    await clickRunAll(editor);
    await outputWithText(page, 'second cell done');
    await until('the run to end', SLOW_MS, async () => !(await isRunning(editor)));
    mark('ran');
    const late = await outputWithText(page, LATE, 30_000);
    mark('late');

    // Under the first cell: below its top and above the second cell.
    const text = await late.getByText(LATE).first().boundingBox();
    const first = await codeCells(editor).nth(0).boundingBox();
    const second = await codeCells(editor).nth(1).boundingBox();
    assert.ok(text && first && second, 'the late text and both cells are on screen');
    assert.ok(text.y > first.y && text.y + text.height <= second.y, `'${LATE}' at y=${text.y} lies between the first cell (y=${first.y}) and the second (y=${second.y})`);
    await shot('late-output-under-its-cell');
    await closeAllEditors(page);
  },
};
