/**
 * A margin set from the status bar while `triplet.fit` trains reaches that fit: its later steps
 * use it, the status bar shows it, and the training view marks the step it took over from. The fit
 * stops itself a few steps after it first used the new margin, so its training view ends as
 * "interrupted" at a step before its last.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { SLOW_MS, outputFrame, until } from '../waits';
import { clickRunAll, closeAllEditors, isRunning, openNotebook, statusItem } from '../workbench';

const STEPS = 200_000;

const FIT_CELL = `// Set the margin to 0.6 from the status bar while this trains.
triplet.configure({ margin: 0.3, mining: 'semi-hard' });
const clusters = triplet.datasets.gaussianClusters({ classes: 4, perClass: 20, dims: 8, seed: 1 });
const tiny = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 })] });
const marginView = display.markdown('margin in use: 0.3');
let from06 = -1;
const stopListening = triplet.on('batch', (e) => {
  if (e.margin === 0.6 && from06 < 0) {
    from06 = e.step;
    marginView.update(\`margin in use: 0.3 until step \${e.step - 1}, then 0.6 from step \${e.step}\`);
  }
  if (from06 >= 0 && e.step === from06 + 20) triplet.stop();
});
const run = await triplet.fit(tiny, { x: clusters.x, labels: clusters.labels }, { steps: ${STEPS}, P: 4, K: 4 });
stopListening();
\`fit ran \${run.steps} steps, the last \${run.steps - from06} with margin 0.6\``;

export const marginDuringFit: Scenario = {
  name: 'margin-during-fit',
  timeoutMs: 6 * 60_000,
  prepare: (workspace) => writeNotebook(join(workspace, 'margin-during-fit.ipynb'), [FIT_CELL]),
  async run({ page, shot, mark }) {
    const editor = await openNotebook(page, 'margin-during-fit.ipynb', 'while this trains');
    mark('open');
    await clickRunAll(editor);
    const view = await outputFrame(page, 'the training view, running', async (f) => (await f.locator('.tl-training-view[data-status="running"]').count()) > 0);
    mark('training');

    const status = statusItem(page, 'm=0.30 · semi-hard');
    await status.waitFor({ timeout: SLOW_MS });
    await status.click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('0.6');
    await input.press('Enter');
    await statusItem(page, 'm=0.60 · semi-hard').waitFor({ timeout: 60_000 });
    mark('statusBar');

    const line = await outputFrame(page, "the cell's view of the margin: '0.6 from step …'", async (f) => (await f.getByText(/then 0\.6 from step \d+/).count()) > 0);
    const from = Number(/from step (\d+)/.exec((await line.getByText(/then 0\.6 from step/).first().textContent()) ?? '')?.[1]);
    const stopped = view.locator('.tl-training-view[data-status="interrupted"]').first();
    await stopped.waitFor({ state: 'attached', timeout: SLOW_MS });
    const step = Number(await stopped.getAttribute('data-step'));
    assert.ok(from > 0 && step === from + 21, `the fit used 0.6 from step ${from} and stopped itself 21 steps later; its training view ends at step ${step}`);
    assert.ok(step < STEPS, `the training view stopped at step ${step}, before the last (${STEPS})`);
    assert.match((await stopped.textContent()) ?? '', new RegExp(`stopped at step ${step}`), 'the training view says where it stopped');
    // The training view itself shows the margin in use and marks the step the new one took over.
    const change = view.locator(`.tl-training-view .tl-config-change[data-step="${from}"][data-margin="0.6"]`);
    assert.equal(await change.count(), 1, `the training view marks step ${from}, where margin 0.6 took over`);
    assert.match((await view.locator('.tl-training-view .tl-config-now').first().textContent()) ?? '', /margin 0\.6 · semi-hard/);
    await outputFrame(page, "the cell's result", async (f) => (await f.getByText(`fit ran ${step} steps, the last 21 with margin 0.6`).count()) > 0);
    await until('the run to end', SLOW_MS, async () => !(await isRunning(editor)));
    await page.mouse.move(700, 60); // off the status bar, whose tooltip would cover the training view
    await shot('margin-set-during-fit');
    assert.equal(await editor.locator('.codicon-notebook-state-error').count(), 0, 'the fit cell did not fail');
    await closeAllEditors(page);
  },
};
