/**
 * A first notebook: text, a result, HTML and the distance histogram drawn by our renderer; the
 * status bar follows a margin set from code; dragging the histogram's margin line (with the
 * keyboard) sets the kernel's margin. The kernel also sees the environment VS Code was started
 * with (TRIPLETLAB_QUICK, which the tutorials read).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { SLOW_MS, outputFrame, outputWithText, until } from '../waits';
import { clickRunAll, closeAllEditors, openNotebook, statusItem } from '../workbench';

const HISTOGRAM = {
  version: 1, distance: 'euclidean', margin: 0.2, binEdges: [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0],
  positive: [2, 9, 20, 26, 18, 9, 4, 1, 0, 0], negative: [0, 0, 1, 3, 8, 16, 24, 22, 12, 5],
  triplets: { easy: 610, semiHard: 240, hard: 150 }, meanPositive: 0.62, meanNegative: 1.31, rocAuc: 0.93, title: 'e2e distances',
};

export const firstNotebook: Scenario = {
  name: 'first-notebook',
  timeoutMs: 6 * 60_000,
  prepare: (workspace) => writeNotebook(join(workspace, 'first.ipynb'), [
      "console.log('hello from the tripletlab kernel');\nconsole.log(`kernel sees TRIPLETLAB_QUICK=${process.env.TRIPLETLAB_QUICK ?? '(unset)'}`);",
      'const answer: number = 6 * 7;\nanswer',
      "display.html('<b class=\"tl-e2e-html\">bold from display.html</b>');",
      `display.mime({\n  'application/vnd.tripletlab.distances+json': ${JSON.stringify(HISTOGRAM)},\n  'text/plain': 'distance histogram (e2e)',\n});`,
      "triplet.configure({ margin: 0.25 });\nconsole.log('margin set');",
    ]),
  async run({ page, env, shot, mark }) {
    const editor = await openNotebook(page, 'first.ipynb', 'hello from the tripletlab kernel');
    mark('open');
    await clickRunAll(editor);

    const text = await outputWithText(page, 'hello from the tripletlab kernel');
    mark('firstOutput');
    assert.ok((await text.getByText(`kernel sees TRIPLETLAB_QUICK=${env.TRIPLETLAB_QUICK}`).count()) > 0, `the kernel sees TRIPLETLAB_QUICK=${env.TRIPLETLAB_QUICK} from VS Code's environment`);
    await outputFrame(page, "the result '42'", async (f) => (await f.getByText('42', { exact: true }).count()) > 0);
    const html = await outputFrame(page, 'the display.html output', async (f) => (await f.locator('b.tl-e2e-html').count()) > 0);
    assert.equal((await html.locator('b.tl-e2e-html').first().textContent())?.trim(), 'bold from display.html');
    const plot = await outputFrame(page, 'the renderer to draw the distance histogram', async (f) => (await f.locator('.tl-distances-view svg .tl-margin').count()) > 0);
    mark('histogram');
    const bars = await plot.locator('.tl-distances-view svg rect').count();
    assert.ok(bars >= 10, `the histogram has ${bars} rect elements; expected at least one per bin (10)`);
    assert.equal(await plot.locator('.tl-distances-view').first().getAttribute('data-margin'), '0.2');

    // The last cell sets the margin from code; the status bar follows the kernel's config broadcast.
    await statusItem(page, 'm=0.25 · batch-hard').waitFor({ timeout: SLOW_MS });
    await shot('after-run-all');

    // Renderer → extension → kernel: → moves the margin line by 1% of the axis (0.02 here),
    // which sends setMargin; the kernel's broadcast updates the status bar.
    const handle = plot.locator('.tl-distances-view .tl-drag').first();
    await handle.focus();
    await handle.press('ArrowRight');
    await statusItem(page, 'm=0.22 · batch-hard').waitFor({ timeout: 60_000 });
    assert.equal(await plot.locator('.tl-distances-view').first().getAttribute('data-margin'), '0.22');
    mark('marginFromPlot');

    // The list draws outputs only near the viewport: scroll until the last cell's output shows.
    const box = await editor.boundingBox();
    assert.ok(box, 'the notebook editor has a bounding box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await until("the last cell's output 'margin set'", SLOW_MS, async () => {
      for (const f of page.frames()) if (await f.getByText('margin set').count().catch(() => 0)) return true;
      await page.mouse.wheel(0, 300);
      return false;
    });
    await shot('margin-from-plot');
    assert.equal(await editor.locator('.codicon-notebook-state-error').count(), 0, 'no cell failed');
    await closeAllEditors(page);
  },
};
