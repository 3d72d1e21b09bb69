import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DISTANCES_MIME } from '../../contract/payloads';
import { closeBrowser, openHarness } from './harness';
import { distances } from './fixtures';

after(closeBrowser);

test('histogram: overlaid outlines, ghost, band, margin line, legend counts, caption', async () => {
  const h = await openHarness('light');
  await h.render('d1', DISTANCES_MIME, distances());
  const info = await h.page.evaluate(() => {
    const el = document.getElementById('out-d1')!;
    return {
      svg: el.querySelectorAll('svg.tl-distances').length,
      filled: el.querySelectorAll('.tl-positive, .tl-negative').length,
      ghosts: el.querySelectorAll('path[stroke-dasharray="3 3"]').length,
      band: el.querySelectorAll('.tl-band').length,
      margin: el.querySelectorAll('.tl-margin').length,
      text: el.textContent || '',
      caption: (el.querySelector('.tl-caption') as HTMLElement).textContent || '',
      bins: el.querySelectorAll('.tl-bin').length,
    };
  });
  assert.equal(info.svg, 1);
  assert.equal(info.filled, 2);
  assert.equal(info.ghosts, 2);
  assert.equal(info.band, 1);
  assert.equal(info.margin, 1);
  assert.equal(info.bins, 30);
  assert.match(info.text, /anchor–positive \([\d,]+ pairs, mean 0.45\)/);
  assert.match(info.text, /easy 61,234, semi-hard 20,345, hard 4,321/);
  assert.match(info.caption, /semi-hard zone/);
  await h.screenshot('distances-light', '#out-d1');
  assert.deepEqual(h.pageErrors, []);
  assert.deepEqual(h.foreignRequests, []);
  await h.close();
});

test('hovering a bin shows its range and both counts', async () => {
  const h = await openHarness('light');
  await h.render('d2', DISTANCES_MIME, distances());
  const bin = h.page.locator('#out-d2 .tl-bin').nth(9);
  await bin.hover();
  const tip = await h.page.locator('#out-d2 .tl-tooltip').textContent();
  assert.match(tip ?? '', /^0.45 – 0.5\nanchor–positive \d+ \(\d+%\)\nanchor–negative \d+/);
  await h.close();
});

test('dragging the margin line posts setMargin with the margin under the pointer and moves the line', async () => {
  const h = await openHarness('dark');
  await h.render('d3', DISTANCES_MIME, distances());
  const box = (await h.page.locator('#out-d3 .tl-drag').boundingBox())!;
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  // The target: the client x where the distance axis reads 1.0 → margin 1.0 − μ₊ = 0.55.
  const target = await h.page.evaluate(() => {
    const svg = document.querySelector('#out-d3 svg') as SVGSVGElement;
    const { lo, hi, px0, px1 } = svg.dataset;
    const x = Number(px0) + ((1.0 - Number(lo)) / (Number(hi) - Number(lo))) * (Number(px1) - Number(px0));
    return new DOMPoint(x, 0).matrixTransform(svg.getScreenCTM()!).x;
  });
  await h.page.mouse.move(x0, y0);
  await h.page.mouse.down();
  await h.page.mouse.move((x0 + target) / 2, y0, { steps: 3 });
  assert.deepEqual(await h.messages(), [], 'nothing is posted until release');
  await h.page.mouse.move(target, y0, { steps: 3 });
  await h.page.mouse.up();
  const messages = (await h.messages()) as { type: string; value: number; outputId: string }[];
  assert.equal(messages.length, 1);
  assert.equal(messages[0].type, 'setMargin');
  assert.equal(messages[0].outputId, 'd3');
  assert.ok(Math.abs(messages[0].value - 0.55) < 0.01, `margin ${messages[0].value}`);
  const after = await h.page.evaluate(() => ({
    margin: (document.querySelector('#out-d3 .tl-distances-view') as HTMLElement).dataset.margin,
    label: document.querySelector('#out-d3 .tl-margin-label')!.textContent,
    lineX: (document.querySelector('#out-d3 .tl-margin')!.getBoundingClientRect()).x,
  }));
  assert.equal(Number(after.margin), messages[0].value);
  assert.match(after.label ?? '', new RegExp(`\\(${messages[0].value}\\)`));
  assert.ok(Math.abs(after.lineX - target) < 3, `line at ${after.lineX}, pointer at ${target}`);
  await h.screenshot('distances-dark-dragged', '#out-d3');
  await h.close();
});

test('keyboard: arrow keys on the focused margin line nudge and post', async () => {
  const h = await openHarness('light');
  await h.render('d4', DISTANCES_MIME, distances());
  await h.page.locator('#out-d4 .tl-drag').focus();
  await h.page.keyboard.press('ArrowRight');
  await h.page.keyboard.press('ArrowRight');
  const messages = (await h.messages()) as { value: number }[];
  assert.equal(messages.length, 2);
  assert.ok(messages[1].value > messages[0].value && messages[0].value > 0.2);
  await h.close();
});

test('without messaging the drag still moves the line locally', async () => {
  const h = await openHarness('light', { messaging: false });
  await h.render('d5', DISTANCES_MIME, distances());
  const box = (await h.page.locator('#out-d5 .tl-drag').boundingBox())!;
  await h.page.mouse.move(box.x + box.width / 2, box.y + 50);
  await h.page.mouse.down();
  await h.page.mouse.move(box.x + box.width / 2 + 80, box.y + 50, { steps: 4 });
  await h.page.mouse.up();
  const margin = await h.page.evaluate(() => Number((document.querySelector('#out-d5 .tl-distances-view') as HTMLElement).dataset.margin));
  assert.ok(margin > 0.3, `margin ${margin}`);
  assert.deepEqual(h.pageErrors, []);
  await h.close();
});

test('a marginApplied message from the extension moves the line; updates redraw in place', async () => {
  const h = await openHarness('light');
  await h.render('d6', DISTANCES_MIME, distances());
  await h.page.evaluate(() => (window as any).tl.send({ type: 'marginApplied', value: 0.4, outputId: 'd6' }));
  await h.page.evaluate(() => (window as any).tl.send({ type: 'marginApplied', value: 0.9, outputId: 'someone-else' }));
  assert.equal(await h.page.evaluate(() => (document.querySelector('#out-d6 .tl-distances-view') as HTMLElement).dataset.margin), '0.4');
  await h.page.evaluate(() => { (document.querySelector('#out-d6 .tl-distances-view') as any).marker = 1; });
  await h.render('d6', DISTANCES_MIME, distances({ step: 1300, margin: 0.25 }));
  const state = await h.page.evaluate(() => {
    const v = document.querySelector('#out-d6 .tl-distances-view') as any;
    return { marker: v.marker, margin: v.dataset.margin, views: document.querySelectorAll('#out-d6 .tl-view').length, title: v.querySelector('title').textContent };
  });
  assert.deepEqual(state, { marker: 1, margin: '0.25', views: 1, title: 'Validation pair distances — step 1,300' });
  await h.close();
});
