import { repoRoot } from '../support/paths';
// Functions passed to page.evaluate run in the browser as written: no `??` or `?.` there, since the
// TypeScript-on-the-fly loader rewrites them into helpers the page does not have.
/**
 * Browser harness for the notebook renderer: serves the built bundle from a local HTTP server,
 * loads it in headless Chromium and drives it the way VS Code does (activate with a
 * RendererContext, then renderOutputItem / disposeOutputItem per output).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = repoRoot(__dirname);
export const ARTIFACTS = resolve(ROOT, 'test-artifacts/renderer');
const BUNDLE = resolve(ROOT, 'out/renderer/index.js');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let built = false;
/** Builds the bundle with the same script the package build uses, once per test process. */
export function buildBundle(): string {
  if (!built) {
    execFileSync(process.execPath, [resolve(ROOT, 'extension/renderer/bundle.mjs')], { stdio: 'pipe' });
    built = true;
  }
  return BUNDLE;
}

export type ThemeName = 'light' | 'dark' | 'high-contrast';

/** A subset of the variables VS Code sets on the webview's <html>, per theme kind. */
const THEMES: Record<ThemeName, { body: string; vars: Record<string, string> }> = {
  light: { body: 'vscode-light', vars: { 'editor-foreground': '#3b3b3b', 'editor-background': '#ffffff', 'charts-blue': '#1a85ff', 'charts-orange': '#d18616', 'charts-yellow': '#bf8803', 'charts-green': '#388a34', 'charts-purple': '#652d90', 'editorWidget-border': '#c8c8c8', 'descriptionForeground': '#717171' } },
  dark: { body: 'vscode-dark', vars: { 'editor-foreground': '#cccccc', 'editor-background': '#1f1f1f', 'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-yellow': '#cca700', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'editorWidget-border': '#454545', 'descriptionForeground': '#9d9d9d' } },
  'high-contrast': { body: 'vscode-high-contrast', vars: { 'editor-foreground': '#ffffff', 'editor-background': '#000000', 'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-yellow': '#ffd700', 'charts-green': '#89d185', 'charts-purple': '#b180d7', 'editorWidget-border': '#6fc3df', 'contrastBorder': '#6fc3df', 'descriptionForeground': '#ffffff' } },
};

function harnessHtml(theme: ThemeName, withMessaging: boolean): string {
  const t = THEMES[theme];
  const style = Object.entries(t.vars).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
  return `<!doctype html><html style="${style}"><head><meta charset="utf-8"><title>renderer harness</title></head>
<body class="${t.body}" style="margin:0;padding:8px;background:var(--vscode-editor-background);width:900px"><div id="outputs"></div>
<script type="module">
  const { activate } = await import('/renderer.js');
  const listeners = [];
  const state = { value: undefined };
  window.tlMessages = [];
  const context = {
    workspace: { isTrusted: true },
    getState: () => state.value,
    setState: (v) => { state.value = v; },
    getRenderer: async () => undefined,
    ${withMessaging ? `postMessage: (m) => { window.tlMessages.push(JSON.parse(JSON.stringify(m))); },
    onDidReceiveMessage: (fn) => { listeners.push(fn); return { dispose() { listeners.splice(listeners.indexOf(fn), 1); } }; },` : ''}
  };
  const api = activate(context);
  const item = (id, mime, text) => ({
    id, mime, metadata: {},
    text: () => text, json: () => JSON.parse(text), data: () => new TextEncoder().encode(text), blob: () => new Blob([text]),
  });
  window.tl = {
    element(id) {
      let el = document.getElementById('out-' + id);
      if (!el) { el = document.createElement('div'); el.id = 'out-' + id; el.className = 'output'; document.getElementById('outputs').appendChild(el); }
      return el;
    },
    render(id, mime, text) { return api.renderOutputItem(item(id, mime, text), window.tl.element(id)); },
    dispose(id) { api.disposeOutputItem(id); },
    send(msg) { for (const fn of [...listeners]) fn(msg); },
  };
  window.tlReady = true;
</script></body></html>`;
}

export interface Harness {
  page: Page;
  /** URLs the page requested that were not the harness page or the bundle. */
  foreignRequests: string[];
  dialogs: string[];
  pageErrors: string[];
  render(id: string, mime: string, value: unknown): Promise<void>;
  renderText(id: string, mime: string, text: string): Promise<void>;
  messages(): Promise<unknown[]>;
  screenshot(name: string, selector?: string): Promise<string>;
  close(): Promise<void>;
}

let browser: Browser | null = null;
let server: Server | null = null;
let port = 0;
let currentHtml = '';

export async function openHarness(theme: ThemeName = 'light', options: { messaging?: boolean } = {}): Promise<Harness> {
  buildBundle();
  if (!server) {
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/renderer.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(readFileSync(BUNDLE));
      } else if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(currentHtml);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  }
  browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 920, height: 700 } });
  const origin = `http://127.0.0.1:${port}`;
  const foreignRequests: string[] = [];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (url !== `${origin}/` && url !== `${origin}/renderer.js`) foreignRequests.push(url);
  });
  // Block anything else so a stray request can neither leave the machine nor hang a test.
  await page.route((url) => !url.href.startsWith(origin), (route) => route.abort());
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  currentHtml = harnessHtml(theme, options.messaging !== false);
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (window as unknown as { tlReady?: boolean }).tlReady === true);
  mkdirSync(ARTIFACTS, { recursive: true });
  const h: Harness = {
    page, foreignRequests, dialogs, pageErrors,
    render: (id, mime, value) => h.renderText(id, mime, JSON.stringify(value)),
    renderText: (id, mime, text) => page.evaluate(([i, m, t]) => (window as any).tl.render(i, m, t), [id, mime, text]),
    messages: () => page.evaluate(() => (window as any).tlMessages as unknown[]),
    async screenshot(name, selector) {
      const path = resolve(ARTIFACTS, `${name}.png`);
      if (selector) await page.locator(selector).screenshot({ path });
      else await page.screenshot({ path, fullPage: true });
      return path;
    },
    close: () => page.close(),
  };
  return h;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
}
