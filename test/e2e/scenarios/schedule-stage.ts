/**
 * The status bar follows a mining schedule set in code: its first stage once the schedule is set
 * (marked `~` as scheduled), its second while `triplet.fit` trains in it. The person then stops
 * the fit with the toolbar's Interrupt (what the training view says then is interrupt-fit's).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { SLOW_MS, outputFrame, outputWithText, until } from '../waits';
import { clickInterrupt, closeAllEditors, codeCells, isRunning, openNotebook, runCell, statusItem } from '../workbench';

const SCHEDULE_CELL = `triplet.configure({
  margin: 0.2,
  mining: triplet.schedule.mining([{ until: { step: 50 }, mining: 'semi-hard' }, { mining: 'batch-hard' }]),
});
'semi-hard until step 50, then batch-hard'`;

const FIT_CELL = `// Trains until interrupted; the status bar shows the schedule's stage.
const clusters = triplet.datasets.gaussianClusters({ classes: 4, perClass: 20, dims: 8, seed: 2 });
const tiny = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 })] });
await triplet.fit(tiny, { x: clusters.x, labels: clusters.labels }, { steps: 1_000_000, P: 4, K: 4 });`;

export const scheduleStage: Scenario = {
  name: 'schedule-stage',
  timeoutMs: 6 * 60_000,
  prepare: (workspace) => writeNotebook(join(workspace, 'schedule.ipynb'), [SCHEDULE_CELL, FIT_CELL]),
  async run({ page, shot, mark }) {
    const editor = await openNotebook(page, 'schedule.ipynb', 'triplet.schedule.mining');
    mark('open');
    const cells = codeCells(editor);
    await runCell(cells.nth(0));
    await outputWithText(page, 'semi-hard until step 50, then batch-hard');
    await statusItem(page, 'm=0.20 · ~semi-hard').waitFor({ timeout: SLOW_MS });
    mark('firstStage');
    await shot('schedule-first-stage');

    await runCell(cells.nth(1));
    await outputFrame(page, 'the training view, running', async (f) => (await f.locator('.tl-training-view[data-status="running"]').count()) > 0);
    await statusItem(page, 'm=0.20 · ~batch-hard').waitFor({ timeout: SLOW_MS });
    assert.ok(await isRunning(editor), 'the fit is still training when the status bar shows its second stage');
    await outputFrame(page, 'the training view past step 50', async (f) => {
      const step = await f.locator('.tl-training-view').first().getAttribute('data-step', { timeout: 1000 });
      return Number(step) > 50;
    });
    mark('secondStage');
    await shot('schedule-second-stage-during-fit');

    await clickInterrupt(editor);
    await until('the fit to stop after Interrupt', SLOW_MS, async () => !(await isRunning(editor)));
    mark('interrupted');
    await closeAllEditors(page);
  },
};
