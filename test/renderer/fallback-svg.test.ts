import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { SVG_MIME } from '../../contract/payloads';
import { distancesBundle, projectionBundle, trainingBundle } from '../../kernel/triplet/render';
import { ARTIFACTS, CHROMIUM_ARGS } from './harness';
import { distances, ringProjection, training, XSS } from './fixtures';
import { clusteredProjection } from '../contract/render/fixtures';

const browserPromise = chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
after(async () => (await browserPromise).close());

/**
 * GitHub and nbviewer show image/svg+xml outputs as images: an SVG that is not well-formed XML
 * shows nothing at all. Load each fallback as an <img> (scripts never run there) and inline
 * (where they would), check it decodes at its size, and keep a screenshot to look at.
 */
const CASES: [string, () => Record<string, unknown>, number, number][] = [
  ['distances', () => distancesBundle({ ...distances(), title: XSS }), 640, 330],
  ['projection-5000', () => projectionBundle(clusteredProjection(5000, 2, { labelNames: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', XSS] })), 616, 468],
  ['projection-3d', () => projectionBundle(ringProjection(2000, 3)), 616, 468],
  ['training', () => trainingBundle(training(700, { message: XSS, validation: [{ step: 600, metric: 'MAP@R', value: 0.8 }] })), 640, 300],
];

for (const [name, make, width, height] of CASES) {
  test(`static SVG fallback decodes in Chromium: ${name}`, async () => {
    const svg = make()[SVG_MIME] as string;
    const page = await (await browserPromise).newPage({ viewport: { width: width + 20, height: height * 2 + 40 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(`<body style="margin:0;background:#888"><img id="img" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"><div id="inline">${svg}</div></body>`);
    const img = await page.evaluate(async () => {
      const el = document.getElementById('img') as HTMLImageElement;
      await el.decode();
      return { w: el.naturalWidth, h: el.naturalHeight, injected: document.querySelectorAll('#inline img, #inline script, #inline a').length };
    });
    assert.deepEqual(img, { w: width, h: height, injected: 0 });
    assert.deepEqual(dialogs, []);
    await page.locator('#img').screenshot({ path: resolve(ARTIFACTS, `fallback-${name}.png`) });
    await page.close();
  });
}
