import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusText, statusTooltip } from '../../../extension/config/config-text';

test('status bar text shows the margin with two decimals and the mining name', () => {
  assert.equal(statusText({ margin: 0.2, mining: 'batch-hard' }), '$(symbol-ruler) m=0.20 · batch-hard');
  assert.equal(statusText({ margin: 1, mining: 'semi-hard' }), '$(symbol-ruler) m=1.00 · semi-hard');
});

test('scheduled values are marked so a user knows they change during training', () => {
  assert.equal(statusText({ margin: 0.05, mining: 'semi-hard', marginSchedule: 'custom', miningSchedule: 'custom' }), '$(symbol-ruler) m=~0.05 · ~semi-hard');
});

test('tooltip lists every setting', () => {
  const t = statusTooltip({ margin: 0.3, mining: 'hard', distance: 'cosine', softMargin: true, normalize: false, watch: false, miningNames: [] });
  for (const part of ['0.3', 'hard', 'cosine', 'Soft margin: true', 'Normalize embeddings: false', 'Watch: paused']) assert.ok(t.includes(part), part);
});
