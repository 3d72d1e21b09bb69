import assert from 'node:assert/strict';
import { test } from 'node:test';
import { marginProblem, parseMargin } from '../../../extension/config/margin-value';

test('finite numbers ≥ 0 are valid margins', () => {
  for (const v of [0, 0.2, 1, 12.5]) assert.equal(marginProblem(v, 'test'), undefined, String(v));
});

test('negative, infinite, NaN and non-numbers are refused with the source and the fix', () => {
  for (const v of [-0.1, Infinity, -Infinity, NaN, '0.2', null, undefined]) {
    const p = marginProblem(v, 'tripletlab plot');
    assert.ok(p && p.startsWith('tripletlab plot: margin') && p.includes('finite number ≥ 0'), `${String(v)} → ${p}`);
  }
});

test('parseMargin reads what was typed', () => {
  assert.deepEqual(parseMargin(' 0.35 '), { value: 0.35 });
  assert.deepEqual(parseMargin('0'), { value: 0 });
  for (const bad of ['', 'abc', '-1', 'Infinity', '0.2.1']) {
    const r = parseMargin(bad);
    assert.ok('error' in r && r.error.includes('tripletlab.setMargin'), bad);
  }
});
