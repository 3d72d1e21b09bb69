/**
 * Render benchmark, in headless Chromium: bundle load + first histogram paint, a 50,000-point
 * projection until interactive, bundle size, and plotly defaults on the same 50,000 points as the
 * peer. "Interactive" means: renderOutputItem (or Plotly.newPlot and its plotly_afterplot) has
 * returned, a forced layout has run, and two animation frames have passed (the drawn frame is
 * presented and hover/click handlers answer). Usage: node out/bench/render/main.js [--quick]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { DISTANCES_MIME, encodeProjection, PROJECTION_MIME, type DistancesPayload } from '../../contract/payloads';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(resolve(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = repoRoot();
const QUICK = process.argv.includes('--quick');
const REPEATS = QUICK ? 1 : 5;
const POINTS = 50_000;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function histogram(): DistancesPayload {
  const binEdges = Array.from({ length: 41 }, (_, i) => i * 0.05);
  const bell = (mu: number, s: number, n: number) => binEdges.slice(0, -1).map((e) => Math.round(n * Math.exp(-(((e + 0.025 - mu) / s) ** 2) / 2)));
  return {
    version: 1, distance: 'euclidean', margin: 0.2, binEdges, positive: bell(0.5, 0.15, 800), negative: bell(1.2, 0.25, 8000),
    triplets: { easy: 9000, semiHard: 2500, hard: 700 }, meanPositive: 0.5, meanNegative: 1.2, rocAuc: 0.95,
    previous: { binEdges, positive: bell(0.8, 0.2, 800), negative: bell(1.1, 0.3, 8000) },
  };
}

/** 50,000 points in 10 clusters (seeded), with 5 neighbours each, as the kernel would send them. */
function projection(): { payload: string; traces: { x: number[]; y: number[]; name: string }[] } {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const coords = new Float32Array(POINTS * 2);
  const labels: number[] = [];
  for (let i = 0; i < POINTS; i++) {
    const l = i % 10;
    labels.push(l);
    const g = Math.sqrt(-2 * Math.log(rand() + 1e-12));
    const a = 2 * Math.PI * rand();
    coords[2 * i] = Math.cos(l * 0.63) * 10 + g * Math.cos(a) * 1.5;
    coords[2 * i + 1] = Math.sin(l * 0.63) * 10 + g * Math.sin(a) * 1.5;
  }
  const indices: number[] = [];
  for (let i = 0; i < POINTS; i++) for (let j = 1; j <= 5; j++) indices.push((i + 10 * j) % POINTS);
  const p = encodeProjection({ coords, dims: 2, labels, method: 'umap', neighbors: { k: 5, indices }, params: {} });
  const traces = Array.from({ length: 10 }, (_, l) => ({ x: [] as number[], y: [] as number[], name: String(l) }));
  for (let i = 0; i < POINTS; i++) { traces[labels[i]].x.push(coords[2 * i]); traces[labels[i]].y.push(coords[2 * i + 1]); }
  return { payload: JSON.stringify(p), traces };
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;width:900px"><div id="out"></div><div id="peer" style="width:880px;height:440px"></div><script>window.load = (u) => import(u);</script></body></html>`;
// Page functions call window.load: an import() written inside them would be rewritten for Node by the TypeScript loader.

async function main(): Promise<void> {
  const bundle = resolve(ROOT, 'out/renderer/index.js');
  if (!existsSync(bundle)) execFileSync(process.execPath, [resolve(ROOT, 'extension/renderer/bundle.mjs')], { stdio: 'inherit' });
  const plotlyPath = resolve(ROOT, 'node_modules/plotly.js-dist/plotly.js');
  const files: Record<string, [string, Buffer]> = {
    '/': ['text/html', Buffer.from(PAGE)],
    '/renderer.js': ['text/javascript', readFileSync(bundle)],
    '/plotly.js': ['text/javascript', readFileSync(plotlyPath)],
  };
  const server = createServer((req, res) => {
    const f = files[(req.url ?? '/').split('?')[0]];
    if (!f) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' });
    res.end(f[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const fresh = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 920, height: 900 } });
    await page.route((url) => !url.href.startsWith(origin), (route) => route.abort());
    await page.goto(`${origin}/`);
    return page;
  };
  const histText = JSON.stringify(histogram());
  const { payload, traces } = projection();

  // Bundle load + first histogram paint, each in a fresh page (nothing cached, module fetched over HTTP).
  const firstPaint: number[] = [];
  for (let r = 0; r < REPEATS + 1; r++) {
    const page = await fresh();
    const ms = await page.evaluate(async ([mime, text]) => {
      const t0 = performance.now();
      const mod = await (window as any).load('/renderer.js?' + Math.random());
      const api = mod.activate({ workspace: { isTrusted: true }, getState: () => undefined, setState: () => {}, getRenderer: async () => undefined });
      const el = document.getElementById('out')!;
      api.renderOutputItem({ id: 'h', mime, metadata: {}, text: () => text, json: () => JSON.parse(text), data: () => new Uint8Array(), blob: () => new Blob() }, el);
      el.getBoundingClientRect();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      if (!el.querySelector('svg .tl-margin')) throw new Error('histogram not drawn');
      return performance.now() - t0;
    }, [DISTANCES_MIME, histText] as const);
    if (r > 0) firstPaint.push(ms);
    await page.close();
  }

  // 50,000-point projection until interactive (bundle already loaded; payload JSON text already in the page, as VS Code hands it over).
  const ours: number[] = [];
  {
    const page = await fresh();
    await page.evaluate(async (text) => {
      const mod = await (window as any).load('/renderer.js');
      (window as any).api = mod.activate({ workspace: { isTrusted: true }, getState: () => undefined, setState: () => {}, getRenderer: async () => undefined });
      (window as any).payloadText = text;
    }, payload);
    for (let r = 0; r < REPEATS + 1; r++) {
      const ms = await page.evaluate(async ([mime, id]) => {
        const text = (window as any).payloadText as string;
        const el = document.getElementById('out')!;
        el.replaceChildren();
        const t0 = performance.now();
        (window as any).api.renderOutputItem({ id, mime, metadata: {}, text: () => text, json: () => JSON.parse(text), data: () => new Uint8Array(), blob: () => new Blob() }, el);
        el.getBoundingClientRect();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const t1 = performance.now();
        (window as any).api.disposeOutputItem(id);
        return t1 - t0;
      }, [PROJECTION_MIME, `p${r}`] as const);
      if (r > 0) ours.push(ms);
    }
    await page.close();
  }

  // Peer: plotly.js-dist defaults, a plain Plotly.newPlot 'scatter' of the same points (arrays prebuilt, plotly loaded before timing).
  const peer: number[] = [];
  let plotlyLoad = 0;
  {
    const page = await fresh();
    plotlyLoad = await page.evaluate(async () => {
      const t0 = performance.now();
      await new Promise<void>((resolveLoad, reject) => {
        const s = document.createElement('script');
        s.src = '/plotly.js';
        s.onload = () => resolveLoad();
        s.onerror = () => reject(new Error('plotly did not load'));
        document.head.appendChild(s);
      });
      return performance.now() - t0;
    });
    await page.evaluate((t) => { (window as any).traces = t; }, traces);
    for (let r = 0; r < REPEATS + 1; r++) {
      const ms = await page.evaluate(async () => {
        const Plotly = (window as any).Plotly;
        const div = document.getElementById('peer')!;
        const data = ((window as any).traces as { x: number[]; y: number[]; name: string }[]).map((t) => ({ type: 'scatter', mode: 'markers', x: t.x, y: t.y, name: t.name }));
        const t0 = performance.now();
        const afterplot = new Promise<void>((r) => { (div as any).once ? (div as any).once('plotly_afterplot', r) : r(); });
        await Plotly.newPlot(div, data, {});
        await afterplot;
        div.getBoundingClientRect();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const t1 = performance.now();
        Plotly.purge(div);
        return t1 - t0;
      });
      if (r > 0) peer.push(ms);
    }
    await page.close();
  }
  await browser.close();
  server.close();

  const result = {
    first_paint_ms: Math.round(median(firstPaint)),
    projection_50k_ms: Math.round(median(ours)),
    bundle_bytes: statSync(bundle).size,
    peer_projection_50k_ms: Math.round(median(peer)),
  };
  const ratio = result.peer_projection_50k_ms / Math.max(1, result.projection_50k_ms);
  console.log(`runs per figure: ${REPEATS} (after one warm-up)${QUICK ? ' [--quick]' : ''}`);
  console.log(`bundle load + first histogram paint: ${result.first_paint_ms} ms (goal ≤ 300) — runs ${firstPaint.map(Math.round).join(', ')}`);
  console.log(`50,000-point projection until interactive: ${result.projection_50k_ms} ms (goal ≤ 500) — runs ${ours.map(Math.round).join(', ')}`);
  console.log(`peer, plotly.js-dist ${JSON.parse(readFileSync(resolve(ROOT, 'node_modules/plotly.js-dist/package.json'), 'utf8')).version} defaults (Plotly.newPlot scatter): ${result.peer_projection_50k_ms} ms — runs ${peer.map(Math.round).join(', ')}; ratio peer/ours ${ratio.toFixed(1)}×`);
  console.log(`plotly.js-dist load (script tag, ${statSync(plotlyPath).size} bytes): ${Math.round(plotlyLoad)} ms, not counted in the peer figure`);
  console.log(`bundle: ${result.bundle_bytes} bytes (plotly.js-dist is ${(statSync(plotlyPath).size / result.bundle_bytes).toFixed(0)}× larger)`);
  if (!QUICK) appendResults(result, ratio, plotlyLoad);
  console.log(JSON.stringify(result));
}

/** Replaces this benchmark's own `## render` section of bench/RESULTS.md, leaving the others as they are. */
function appendResults(r: Record<string, number>, ratio: number, plotlyLoad: number): void {
  const path = resolve(ROOT, 'bench/RESULTS.md');
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const section = [
    '## render',
    '',
    `Headless Debian Chromium, ${new Date().toISOString().slice(0, 10)}, median of ${REPEATS} runs after a warm-up (\`npm run bench:render\`);`,
    `load average ${loadavg()[0].toFixed(1)} on this shared machine when the run ended, so compare the ratio rather than absolute times.`,
    '',
    '| measure | tripletlab renderer | plotly.js-dist defaults | goal |',
    '|---|---|---|---|',
    `| bundle load + first histogram paint | ${r.first_paint_ms} ms | — | ≤ 300 ms |`,
    `| 50,000-point projection until interactive | ${r.projection_50k_ms} ms | ${r.peer_projection_50k_ms} ms (${ratio.toFixed(1)}× ours) | ≤ 500 ms |`,
    `| bundle size | ${r.bundle_bytes} bytes | ${statSync(resolve(ROOT, 'node_modules/plotly.js-dist/plotly.js')).size} bytes (load ${Math.round(plotlyLoad)} ms, not counted above) | — |`,
    '',
    'Interactive = render call returned, forced layout, two animation frames. The renderer draws',
    'histograms as SVG and projections on a 2-D canvas with a grid pick index; plotly is not in the bundle.',
    '',
  ].join('\n');
  const re = /^## render\n[\s\S]*?(?=^## |(?![\s\S]))/m;
  const next = re.test(old) ? old.replace(re, section) : `${old.replace(/\n*$/, '\n\n')}${section}`;
  writeFileSync(path, next);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
