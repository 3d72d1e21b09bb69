import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROJECTION_MIME } from '../../contract/payloads';
import { closeBrowser, openHarness } from './harness';
import { ringProjection } from './fixtures';

after(closeBrowser);

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

test('projection: canvas drawn, legend with per-label counts, 3-D toggle hidden for 2-d', async () => {
  const h = await openHarness('light');
  await h.render('p1', PROJECTION_MIME, ringProjection(3001, 2, { k: 3, labelNames: DIGITS }));
  const info = await h.page.evaluate(() => {
    const el = document.getElementById('out-p1')!;
    const canvas = el.querySelector('canvas')!;
    const ctx = canvas.getContext('2d')!;
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < px.length; i += 4) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    return {
      legend: Array.from(el.querySelectorAll('.tl-legend li')).map((li) => li.textContent),
      toggleHidden: (el.querySelector('.tl-toolbar button') as HTMLButtonElement).hidden,
      title: el.querySelector('.tl-title')!.textContent,
      colours: colours.size,
      status: el.querySelector('.tl-status')!.textContent,
    };
  });
  assert.equal(info.legend.length, 10);
  assert.equal(info.legend[0], 'zero (301)');
  assert.equal(info.legend[9], 'nine (300)');
  assert.equal(info.toggleHidden, true);
  assert.match(info.title ?? '', /3,001 points/);
  assert.ok(info.colours >= 11, `${info.colours} distinct colours on the canvas`);
  assert.match(info.status ?? '', /Click a point to show its 3 nearest neighbours/);
  await h.screenshot('projection-light', '#out-p1');
  assert.deepEqual(h.pageErrors, []);
  await h.close();
});

test('hover names the point; click highlights its k nearest neighbours from the payload', async () => {
  const h = await openHarness('dark');
  await h.render('p2', PROJECTION_MIME, ringProjection(3001, 2, { k: 3, labelNames: DIGITS }));
  const box = (await h.page.locator('#out-p2 canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await h.page.mouse.move(cx, cy);
  assert.equal(await h.page.locator('#out-p2 .tl-tooltip').textContent(), 'zero · #0');
  await h.page.mouse.down();
  await h.page.mouse.up();
  const sel = await h.page.evaluate(() => {
    const v = document.querySelector('#out-p2 .tl-projection-view') as HTMLElement;
    return { selected: v.dataset.selected, neighbors: v.dataset.neighbors, status: v.querySelector('.tl-status')!.textContent };
  });
  assert.equal(sel.selected, '0');
  assert.equal(sel.neighbors, '10,20,30');
  assert.match(sel.status ?? '', /#0 \(zero\): 3 nearest in embedding space, 3 with the same label — #10 \(zero\), #20 \(zero\), #30 \(zero\)/);
  await h.screenshot('projection-dark-selected', '#out-p2');
  // Clicking empty space clears the selection.
  await h.page.mouse.click(box.x + 6, box.y + 6);
  assert.equal(await h.page.evaluate(() => (document.querySelector('#out-p2 .tl-projection-view') as HTMLElement).dataset.selected), undefined);
  await h.close();
});

test('legend click hides a label; dragging pans instead of selecting', async () => {
  const h = await openHarness('light');
  await h.render('p3', PROJECTION_MIME, ringProjection(2001, 2, { k: 2 }));
  await h.page.locator('#out-p3 .tl-legend li').first().click();
  assert.equal(await h.page.locator('#out-p3 .tl-legend li').first().getAttribute('aria-checked'), 'false');
  const box = (await h.page.locator('#out-p3 canvas').boundingBox())!;
  // Label 0 (point 0 included) is hidden: the centre no longer picks anything.
  await h.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  assert.equal(await h.page.evaluate(() => (document.querySelector('#out-p3 .tl-projection-view') as HTMLElement).dataset.selected), undefined);
  await h.page.locator('#out-p3 .tl-legend li').first().click();
  await h.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await h.page.mouse.down();
  await h.page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 20, { steps: 5 });
  await h.page.mouse.up();
  assert.equal(await h.page.evaluate(() => (document.querySelector('#out-p3 .tl-projection-view') as HTMLElement).dataset.selected), undefined);
  // After panning by (60, 20), point 0 is there.
  await h.page.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2 + 20);
  assert.equal(await h.page.evaluate(() => (document.querySelector('#out-p3 .tl-projection-view') as HTMLElement).dataset.selected), '0');
  await h.close();
});

test('3-d payload: toggle switches to a rotatable 3-D view', async () => {
  const h = await openHarness('high-contrast');
  await h.render('p4', PROJECTION_MIME, ringProjection(4001, 3, { k: 5 }));
  const button = h.page.locator('#out-p4 .tl-toolbar button', { hasText: '3-D' });
  assert.equal(await button.isVisible(), true);
  assert.equal(await h.page.evaluate(() => (document.querySelector('#out-p4 .tl-projection-view') as HTMLElement).dataset.mode), '2d');
  const before = await h.page.evaluate(() => (document.querySelector('#out-p4 canvas') as HTMLCanvasElement).toDataURL());
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.equal(await h.page.evaluate(() => (document.querySelector('#out-p4 .tl-projection-view') as HTMLElement).dataset.mode), '3d');
  const rotated = await h.page.evaluate(() => (document.querySelector('#out-p4 canvas') as HTMLCanvasElement).toDataURL());
  assert.notEqual(rotated, before);
  const box = (await h.page.locator('#out-p4 canvas').boundingBox())!;
  await h.page.mouse.move(box.x + 100, box.y + 100);
  await h.page.mouse.down();
  await h.page.mouse.move(box.x + 180, box.y + 130, { steps: 4 });
  await h.page.mouse.up();
  assert.notEqual(await h.page.evaluate(() => (document.querySelector('#out-p4 canvas') as HTMLCanvasElement).toDataURL()), rotated);
  await h.screenshot('projection-hc-3d', '#out-p4');
  await h.close();
});

test('the caption names the method, its parameters and trustworthiness, and a layout still running', async () => {
  const h = await openHarness('light');
  const drawn = { ...ringProjection(400, 2), params: { neighbors: 15, minDist: 0.1, epochs: 200, seed: 0, warm: true }, trustworthiness: { k: 10, value: 0.9617 } };
  await h.render('p9', PROJECTION_MIME, drawn);
  const pending = { ...ringProjection(400, 2), method: 'pca' as const, params: {}, pending: { method: 'tsne' as const, progress: 0.4 } };
  await h.render('p10', PROJECTION_MIME, pending);
  const captions = await h.page.evaluate(() => ['out-p9', 'out-p10'].map((id) => document.querySelector(`#${id} .tl-method`)!.textContent));
  assert.equal(captions[0], 'UMAP (15 neighbours, min dist 0.1, 200 epochs, seed 0, warm start) · trustworthiness@10 0.962');
  assert.equal(captions[1], 'PCA · t-SNE running 40%; this is the earlier frame');
  assert.deepEqual(h.pageErrors, []);
  await h.close();
});
