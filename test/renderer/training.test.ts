import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { TRAINING_MIME } from '../../contract/payloads';
import { closeBrowser, openHarness } from './harness';
import { training } from './fixtures';

after(closeBrowser);

test('training view updates in place when the same output is rendered again', async () => {
  const h = await openHarness('light');
  await h.render('t1', TRAINING_MIME, training(300));
  await h.page.evaluate(() => {
    const el = document.getElementById('out-t1')!;
    (window as any).removed = 0;
    (window as any).emptied = false;
    (el.querySelector('.tl-training-view') as any).marker = 'kept';
    new MutationObserver((records) => {
      for (const r of records) (window as any).removed += Array.from(r.removedNodes).filter((n) => n instanceof Element && n.classList.contains('tl-view')).length;
      if (!el.querySelector('.tl-training-view svg')) (window as any).emptied = true;
    }).observe(el, { childList: true, subtree: true });
  });
  const first = await h.page.locator('#out-t1').textContent();
  assert.match(first ?? '', /step 300 \/ 1,000 \(30%\)/);
  await h.screenshot('training-light-300', '#out-t1');
  for (const step of [450, 600, 1000]) await h.render('t1', TRAINING_MIME, training(step));
  const state = await h.page.evaluate(() => {
    const el = document.getElementById('out-t1')!;
    const view = el.querySelector('.tl-training-view') as any;
    return { marker: view.marker, step: view.dataset.step, status: view.dataset.status, svgs: el.querySelectorAll('svg').length, removed: (window as any).removed, emptied: (window as any).emptied, text: el.textContent };
  });
  assert.equal(state.marker, 'kept');
  assert.equal(state.step, '1000');
  assert.equal(state.status, 'done');
  assert.equal(state.svgs, 1);
  assert.equal(state.removed, 0);
  assert.equal(state.emptied, false);
  assert.match(state.text ?? '', /Training — done/);
  assert.match(state.text ?? '', /step 1,000 \/ 1,000 \(100%\)/);
  await h.screenshot('training-light-done', '#out-t1');
  await h.close();
});

test('training view in the dark theme, with a message and validation metric', async () => {
  const h = await openHarness('dark');
  await h.render('t2', TRAINING_MIME, training(640, { message: 'lr 1e-3', validation: [{ step: 500, metric: 'MAP@R', value: 0.81 }] }));
  const text = await h.page.locator('#out-t2').textContent();
  assert.match(text ?? '', /lr 1e-3/);
  assert.match(text ?? '', /MAP@R 0.81 @ step 500/);
  await h.screenshot('training-dark', '#out-t2');
  await h.close();
});
