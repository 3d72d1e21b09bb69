import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayGuard } from '../../../kernel/wire/replay';

test('a signature is accepted once', () => {
  const g = new ReplayGuard();
  assert.equal(g.accept('abc'), true);
  assert.equal(g.accept('abc'), false);
  assert.equal(g.accept('abd'), true);
});

test('unsigned messages carry no identity and are always accepted', () => {
  const g = new ReplayGuard();
  assert.equal(g.accept(''), true);
  assert.equal(g.accept(''), true);
  assert.equal(g.size, 0);
});

test('the history stays bounded and forgets the oldest signatures first', () => {
  const g = new ReplayGuard(100);
  for (let i = 0; i < 1000; i++) assert.equal(g.accept(`sig${i}`), true);
  assert.ok(g.size <= 100, `size ${g.size}`);
  assert.equal(g.has('sig999'), true);
  assert.equal(g.accept('sig999'), false);
  assert.equal(g.has('sig0'), false);
});

test('maxEntries must be a positive integer', () => {
  for (const bad of [0, -1, 1.5, NaN]) assert.throws(() => new ReplayGuard(bad), /maxEntries/);
});
