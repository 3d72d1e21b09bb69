import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointLength, codePointToUtf16, lineAndColumn, utf16ToCodePoint } from '../../../kernel/typecheck/positions';

const EMOJI = '\u{1F600}'; // one code point, two UTF-16 units

test('code points to UTF-16 indexes and back', () => {
  const cases: [text: string, codePoints: number, utf16: number][] = [
    ['abc', 0, 0],
    ['abc', 2, 2],
    ['abc', 3, 3],
    [`${EMOJI}x`, 1, 2],
    [`${EMOJI}x`, 2, 3],
    [`a${EMOJI}${EMOJI}b`, 3, 5],
    ['é', 1, 1],
  ];
  for (const [text, cp, u16] of cases) {
    assert.equal(codePointToUtf16(text, cp), u16, `codePointToUtf16(${JSON.stringify(text)}, ${cp})`);
    assert.equal(utf16ToCodePoint(text, u16), cp, `utf16ToCodePoint(${JSON.stringify(text)}, ${u16})`);
  }
});

test('positions past the end clamp to the end', () => {
  assert.equal(codePointToUtf16(EMOJI, 5), 2);
  assert.equal(utf16ToCodePoint(EMOJI, 9), 1);
});

test('a lone surrogate counts as one code point', () => {
  assert.equal(codePointLength('\uD83D'), 1);
  assert.equal(codePointLength(`${EMOJI}\uDE00`), 2);
});

test('line and column are 1-based', () => {
  const text = 'ab\ncd\n\nx';
  assert.deepEqual(lineAndColumn(text, 0), { line: 1, column: 1 });
  assert.deepEqual(lineAndColumn(text, 4), { line: 2, column: 2 });
  assert.deepEqual(lineAndColumn(text, 6), { line: 3, column: 1 });
  assert.deepEqual(lineAndColumn(text, 7), { line: 4, column: 1 });
});
