/**
 * The toolbar's Interrupt stops a running `triplet.fit`: the cell ends, its training view says
 * "interrupted" where it stopped, and the model keeps the weights it had (the next cell uses it).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { SLOW_MS, outputFrame, outputWithText, until } from '../waits';
import { clickInterrupt, closeAllEditors, codeCells, isRunning, openNotebook, runCell } from '../workbench';

const FIT_CELL = `// Trains until interrupted.
const clusters = triplet.datasets.gaussianClusters({ classes: 4, perClass: 20, dims: 8, seed: 3 });
const tiny = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 })] });
await triplet.fit(tiny, { x: clusters.x, labels: clusters.labels }, { steps: 1_000_000, P: 4, K: 4 });`;

export const interruptFit: Scenario = {
  name: 'interrupt-fit',
  timeoutMs: 5 * 60_000,
  prepare: (workspace) => writeNotebook(join(workspace, 'interrupt-fit.ipynb'), [FIT_CELL, "`the model still embeds: ${tiny.predict(tf.ones([1, 8])).toString().includes('Tensor')}`"]),
  async run({ page, shot, mark }) {
    const editor = await openNotebook(page, 'interrupt-fit.ipynb', 'Trains until interrupted');
    mark('open');
    const cells = codeCells(editor);
    await runCell(cells.nth(0));
    const view = await outputFrame(page, 'the training view past step 20', async (f) => Number(await f.locator('.tl-training-view[data-status="running"]').first().getAttribute('data-step', { timeout: 1000 })) > 20);
    mark('training');

    await clickInterrupt(editor);
    await until('the fit cell to stop after Interrupt', SLOW_MS, async () => !(await isRunning(editor)));
    mark('stopped');
    const status = view.locator('.tl-training-view').first();
    await until("the training view to say 'interrupted'", 60_000, async () => (await status.getAttribute('data-status')) === 'interrupted').catch(async (err) => {
      await shot('training-view-after-interrupt');
      throw new Error(`${(err as Error).message}; it says '${await status.getAttribute('data-status')}' at step ${await status.getAttribute('data-step')}`);
    });
    assert.match((await status.textContent()) ?? '', /stopped at step \d+/, 'the training view says where the fit stopped');
    await shot('fit-interrupted');

    await runCell(cells.nth(1));
    await outputWithText(page, 'the model still embeds: true');
    mark('answers');
    await closeAllEditors(page);
  },
};
