import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { decodeProjection } from '../../../contract/payloads';
import { projectionSvg } from '../../../contract/render';
import { truncateText } from '../../../contract/render/truncate-text';
import { clusteredProjection } from './fixtures';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DANGLING_MARK = /^\p{M}|…\p{M}/u;

// Each name puts a multi-unit character across the cut (the 24th character of the legend).
const names = {
  emoji: 'a'.repeat(22) + '😀 dog',
  family: 'b'.repeat(22) + '👨‍👩‍👧 family',
  flag: 'c'.repeat(22) + '🇫🇷 flag',
  combining: 'd'.repeat(22) + 'e\u0301\u0323 accented',
  combiningAtEnd: 'e'.repeat(23) + 'o\u0308',
};

test('truncateText cuts between user-perceived characters, never inside one', () => {
  for (const [what, name] of Object.entries(names)) {
    const cut = truncateText(name, 24);
    assert.doesNotMatch(cut, LONE_SURROGATE, what);
    assert.doesNotMatch(cut, DANGLING_MARK, what);
    assert.ok(name.startsWith(cut.replace(/…$/, '')), `${what}: a prefix of the name`);
    assert.equal([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(cut)].length <= 24, true, what);
  }
  assert.equal(truncateText(names.family, 24), 'b'.repeat(22) + '👨‍👩‍👧…', 'the whole ZWJ family stays');
  assert.equal(truncateText(names.combining, 24), 'd'.repeat(22) + 'e\u0301\u0323…', 'the letter keeps its marks');
  assert.equal(truncateText(names.combiningAtEnd, 24), names.combiningAtEnd, '24 characters are not cut, however many code units');
  assert.equal(truncateText('short', 24), 'short');
  assert.throws(() => truncateText('x', 0), /max must be a positive integer, got 0/);
});

test('a notebook holding a projection legend with such names is saved by Python as nbformat writes it', () => {
  const svg = projectionSvg(decodeProjection(clusteredProjection(40, 2, { classes: 5, labelNames: Object.values(names) })));
  assert.doesNotMatch(svg, LONE_SURROGATE);
  assert.doesNotThrow(() => encodeURIComponent(svg));
  const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: 'c1', cell_type: 'code', source: '', metadata: {}, execution_count: 1, outputs: [{ output_type: 'display_data', data: { 'image/svg+xml': svg }, metadata: {} }] }] };
  // nbformat.write is json.dumps(ensure_ascii=False) encoded as UTF-8, which is where a lone
  // surrogate failed ("surrogates not allowed"); nbformat validates too when it is installed.
  const script = [
    'import json, sys, io',
    'nb = json.load(sys.stdin)',
    'try:',
    '    import nbformat',
    '    node = nbformat.from_dict(nb); nbformat.validate(node); out = io.StringIO(); nbformat.write(node, out); text = out.getvalue()',
    'except ImportError:',
    '    text = json.dumps(nb, ensure_ascii=False)',
    'sys.stdout.buffer.write(text.encode("utf-8"))',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(nb), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes('👨‍👩‍👧…'), 'the family emoji survives whole');
});
