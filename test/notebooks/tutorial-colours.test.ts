import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PAIR_COLORS } from '../../contract/render/palette';
import { repoRoot } from '../support/paths';
import { committed, markdownOf } from './run-tutorial';

/** The names readers see for the histogram's pair colours (Okabe & Ito, palette.ts). */
const COLOUR_NAMES: Record<string, string> = { '#0072B2': 'blue', '#D55E00': 'orange' };

test('tutorial text names the histogram colours the plots use', () => {
  const expected = { positive: COLOUR_NAMES[PAIR_COLORS.positive], negative: COLOUR_NAMES[PAIR_COLORS.negative] };
  assert.ok(expected.positive && expected.negative, 'palette.ts changed: name its new pair colours in COLOUR_NAMES');
  const notebooks = readdirSync(join(repoRoot(), 'notebooks')).filter((f) => f.endsWith('.ipynb'));
  let mentions = 0;
  for (const name of notebooks) {
    const text = markdownOf(committed(name));
    for (const [, kind, colour] of text.matchAll(/anchor[–-](positive|negative) \(([a-z]+)\)/g)) {
      mentions++;
      assert.equal(colour, expected[kind as 'positive' | 'negative'], `${name}: anchor–${kind} is drawn ${expected[kind as 'positive' | 'negative']}, the text says ${colour}`);
    }
  }
  assert.ok(mentions >= 2, 'the tutorial names the colours of both pair kinds');
});
