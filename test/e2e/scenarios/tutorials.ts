/**
 * Every tutorial under notebooks/ (found by listing the folder, so new ones join by themselves)
 * opens in VS Code, runs with Run All on our kernel, and ends with every code cell run and none
 * failed; where it shows our plots, the renderer draws them. The tutorials are copied without
 * their outputs, so what is checked is what this run produced, read back from the file VS Code
 * saves. VS Code starts with TRIPLETLAB_QUICK (1 unless set), which tutorials read to shrink
 * their work.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { copyWithoutOutputs, firstLine, outputText, readNotebook, type SavedNotebook } from '../notebook-file';
import type { Scenario } from '../scenario';
import { until } from '../waits';
import { clickRunAll, closeAllEditors, isRunning, openNotebook, save } from '../workbench';

const FOLDER = 'tutorials';
const OUR_MIME = /^application\/vnd\.tripletlab\./;
/** A full tutorial may take 3 minutes headless; VS Code and Chromium share the 2 cores with it. */
const RUN_MS = 15 * 60_000;

/** What is wrong with a saved run: cells not run, error outputs, type errors on stderr. */
function problems(nb: SavedNotebook): string[] {
  const found: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code') return;
    const where = `cell ${i + 1} (${firstLine(cell)})`;
    if (typeof cell.execution_count !== 'number') found.push(`${where} did not run`);
    for (const o of cell.outputs ?? []) {
      if (o.output_type === 'error') found.push(`${where} failed: ${outputText(o).slice(0, 500)}`);
      else if (o.output_type === 'stream' && o.name === 'stderr' && /error TS\d+/.test(outputText(o))) found.push(`${where} has a type error: ${outputText(o).slice(0, 500)}`);
    }
  });
  return found;
}

const hasError = (nb: SavedNotebook) => nb.cells.some((c) => (c.outputs ?? []).some((o) => o.output_type === 'error'));
const allRan = (nb: SavedNotebook) => nb.cells.every((c) => c.cell_type !== 'code' || typeof c.execution_count === 'number');
const ourMimes = (nb: SavedNotebook) => [...new Set(nb.cells.flatMap((c) => (c.outputs ?? []).flatMap((o) => Object.keys(o.data ?? {}))).filter((m) => OUR_MIME.test(m)))];

/**
 * Scrolls the notebook down until one of our views, drawn (an svg or a canvas in it), is on
 * screen in the notebook editor; the webview may have drawn views that are scrolled out of sight.
 */
async function findDrawnPlot(page: Page, editor: Locator): Promise<string> {
  const box = await editor.boundingBox();
  assert.ok(box, 'the notebook editor has a bounding box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -1_000_000); // from the top
  return until('one of our plots drawn by the renderer, on screen', 5 * 60_000, async () => {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const drawn = f.locator('.tl-view:has(svg), .tl-view:has(canvas)');
      for (let i = 0; i < Math.min(await drawn.count().catch(() => 0), 20); i++) {
        const at = await drawn.nth(i).boundingBox().catch(() => null);
        if (at && at.height > 50 && at.y >= box.y && at.y + at.height / 2 <= box.y + box.height) return (await drawn.nth(i).getAttribute('class')) ?? 'tl-view';
      }
    }
    await page.mouse.wheel(0, 400);
    return undefined;
  });
}

async function rendererErrors(page: Page): Promise<string[]> {
  const texts: string[] = [];
  for (const f of page.frames()) texts.push(...(await f.locator('.tl-error').allInnerTexts().catch(() => [])));
  return texts;
}

function tutorial(root: string, file: string): Scenario {
  return {
    name: `tutorial ${file.replace(/\.ipynb$/, '')}`,
    timeoutMs: RUN_MS + 10 * 60_000,
    prepare(workspace) {
      // The folder's other files too (pictures, data), once; the notebooks without outputs.
      const folder = join(workspace, FOLDER);
      if (!existsSync(folder)) cpSync(join(root, 'notebooks'), folder, { recursive: true, filter: (src) => !src.endsWith('.ipynb') });
      copyWithoutOutputs(join(root, 'notebooks', file), join(folder, file));
    },
    async run({ page, workspace, shot, mark }) {
      const path = join(workspace, FOLDER, file);
      const editor = await openNotebook(page, file);
      mark('open');
      await clickRunAll(editor);
      // Done when the toolbar no longer offers Interrupt and the saved file has every code cell
      // run, or a failure (Run All stops at the first failing cell). A file caught while VS Code
      // writes it does not parse: the wait tries again.
      const saved = await until(`${file} to finish running`, RUN_MS, async () => {
        if (await isRunning(editor)) return undefined;
        await save(page, file, path);
        const nb = readNotebook(path);
        return allRan(nb) || hasError(nb) ? nb : undefined;
      });
      mark('ran');
      await shot('after-run-all');
      assert.deepEqual(problems(saved), [], `every code cell of ${file} runs in VS Code without an error`);

      const mimes = ourMimes(saved);
      if (mimes.length) {
        const view = await findDrawnPlot(page, editor);
        mark('plot');
        await shot('plot-drawn');
        assert.deepEqual(await rendererErrors(page), [], `the renderer draws ${file}'s plots (${mimes.join(', ')}; drew ${view})`);
      }
      await closeAllEditors(page);
    },
  };
}

/** One scenario per notebooks/*.ipynb, in name order. */
export function tutorialScenarios(root: string): Scenario[] {
  const files = readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
  return files.map((f) => tutorial(root, f));
}
