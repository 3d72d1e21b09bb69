import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DISTANCES_MIME, PROJECTION_MIME, TRAINING_MIME } from '../../contract/payloads';
import { closeBrowser, openHarness } from './harness';
import { distances, ringProjection, training, XSS } from './fixtures';

after(closeBrowser);

test('hostile strings in every payload stay text: no dialog, no injected elements, no links', async () => {
  const h = await openHarness('light');
  await h.render('x1', DISTANCES_MIME, distances({ title: XSS }));
  await h.render('x2', PROJECTION_MIME, { ...ringProjection(200, 2, { labelNames: [XSS, 'javascript:alert(2)', '"><svg onload=alert(3)>'], classes: 3 }), title: XSS });
  await h.render('x3', TRAINING_MIME, training(200, { message: XSS, validation: [{ step: 1, metric: '<script>alert(4)</script>', value: 1 }] }));
  // Hover and click so that tooltips and status lines (which show label names) are produced too.
  const box = (await h.page.locator('#out-x2 canvas').boundingBox())!;
  await h.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await h.page.locator('#out-x1 .tl-bin').first().hover();
  await h.page.waitForTimeout(200);
  const dom = await h.page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    script: document.querySelectorAll('#outputs script').length,
    links: document.querySelectorAll('a, [href], [onerror], [onload]').length,
    svgs: document.querySelectorAll('#outputs svg').length,
    text: document.getElementById('outputs')!.textContent || '',
  }));
  assert.deepEqual(h.dialogs, []);
  assert.equal(dom.img, 0);
  assert.equal(dom.script, 0);
  assert.equal(dom.links, 0);
  assert.equal(dom.svgs, 2);
  assert.ok(dom.text.includes(XSS), 'the label is shown as text');
  assert.ok(dom.text.includes('javascript:alert(2)'));
  assert.deepEqual(h.pageErrors, []);
  assert.deepEqual(h.foreignRequests, []);
  await h.close();
});

const MALFORMED: [string, string, string, RegExp][] = [
  ['distances with too few counts', DISTANCES_MIME, JSON.stringify({ ...distances(), positive: [1, 2] }), /payload\.positive has 2 counts but binEdges has 30 bins/],
  ['distances missing margin', DISTANCES_MIME, JSON.stringify({ ...distances(), margin: undefined }), /payload\.margin is missing/],
  ['projection with truncated coordinates', PROJECTION_MIME, JSON.stringify({ ...ringProjection(10, 2), count: 12 }), /payload\.coords\.data decodes to 40 bytes, expected 48/],
  ['projection of a newer version', PROJECTION_MIME, JSON.stringify({ ...ringProjection(10, 2), version: 2 }), /payload\.version is 2, expected 1/],
  ['training with a bad status', TRAINING_MIME, JSON.stringify({ ...training(100), status: 'paused' }), /payload\.status is "paused"/],
  ['not JSON at all', TRAINING_MIME, '{"version": 1,', /JSON/],
  ['null', DISTANCES_MIME, 'null', /payload is null, expected a object/],
  ['an unknown MIME type', 'application/vnd.tripletlab.unknown+json', '{}', /Unknown MIME type/],
];

for (const [name, mime, text, pattern] of MALFORMED) {
  test(`malformed payload shows an inline error: ${name}`, async () => {
    const h = await openHarness('light');
    await h.renderText('bad', mime, text);
    const box = await h.page.evaluate(() => {
      const el = document.querySelector('#out-bad .tl-error');
      return el ? { text: el.textContent || '', role: el.getAttribute('role') } : null;
    });
    assert.ok(box, 'an error box is shown');
    assert.equal(box.role, 'alert');
    assert.match(box.text, /^tripletlab: cannot draw this /);
    assert.match(box.text, pattern);
    assert.deepEqual(h.pageErrors, []);
    await h.close();
  });
}

test('an error output recovers when a valid payload replaces it; dispose removes views', async () => {
  const h = await openHarness('dark');
  await h.renderText('r', TRAINING_MIME, '{}');
  assert.equal(await h.page.locator('#out-r .tl-error').count(), 1);
  await h.screenshot('error-dark', '#out-r');
  await h.render('r', TRAINING_MIME, training(100));
  assert.equal(await h.page.locator('#out-r .tl-error').count(), 0);
  assert.equal(await h.page.locator('#out-r .tl-training-view').count(), 1);
  await h.render('r2', PROJECTION_MIME, ringProjection(50, 2));
  await h.page.evaluate(() => (window as any).tl.dispose('r'));
  assert.equal(await h.page.locator('#out-r .tl-view').count(), 0);
  assert.equal(await h.page.locator('#out-r2 .tl-view').count(), 1);
  await h.page.evaluate(() => (window as any).tl.dispose());
  assert.equal(await h.page.locator('.tl-view').count(), 0);
  assert.deepEqual(h.pageErrors, []);
  await h.close();
});
