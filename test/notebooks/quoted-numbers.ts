import assert from 'node:assert/strict';
import { plain, type Notebook } from './run-tutorial';

/** Bold spans of markdown, paired left to right. */
const BOLD = /\*\*([^*]+)\*\*/g;

/**
 * The numbers a tutorial's text quotes in bold (`**0.766**`, `**3.2 s**`, `**6×**`) that no output
 * above that markdown cell prints: each is a figure the text claims and the run did not show (an
 * edited quote, or outputs from another run). Thousands separators are ignored (`10,000` = `10000`).
 */
export function unbackedQuotes(nb: Notebook): string[] {
  const missing: string[] = [];
  let shown = '';
  for (const cell of nb.cells) {
    if (cell.cell_type === 'code') {
      shown += '\n' + (cell.outputs ?? []).map(plain).join('\n').replace(/(\d),(\d{3})/g, '$1$2');
      continue;
    }
    if (cell.cell_type !== 'markdown') continue;
    const text = [cell.source ?? ''].flat().join('');
    for (const [, bold] of text.matchAll(BOLD)) {
      const number = /\d[\d,]*(?:\.\d+)?/.exec(bold)?.[0].replace(/,/g, '');
      if (number === undefined) continue;
      // The printed figure must be the same number, not part of a longer one (0.76 is not in 0.766).
      const printed = new RegExp(`(?<![\\d.])${number.replace('.', '\\.')}(?![\\d]|\\.\\d)`);
      if (!printed.test(shown)) missing.push(`**${bold}** in "${text.slice(0, 60).replace(/\n/g, ' ')}…"`);
    }
  }
  return missing;
}

/** How many bold numbers the text quotes: a check of them must have something to check. */
export function quoteCount(nb: Notebook): number {
  return nb.cells.filter((c) => c.cell_type === 'markdown')
    .flatMap((c) => [...[c.source ?? ''].flat().join('').matchAll(BOLD)].filter((m) => /\d/.test(m[1]))).length;
}

/**
 * Copies of `nb`, each with one quoted number changed in its last digit, and what was changed: a
 * check of the quotes must fail on every one of them.
 */
export function withEachQuoteEdited(nb: Notebook): { edit: string; nb: Notebook }[] {
  const edits: { edit: string; nb: Notebook }[] = [];
  nb.cells.forEach((cell, at) => {
    if (cell.cell_type !== 'markdown') return;
    const text = [cell.source ?? ''].flat().join('');
    for (const match of text.matchAll(BOLD)) {
      const bold = match[1];
      if (!/\d/.test(bold)) continue;
      const last = bold.search(/\d(?!.*\d)/);
      const changed = bold.slice(0, last) + ((Number(bold[last]) + 1) % 10) + bold.slice(last + 1);
      const copy: Notebook = JSON.parse(JSON.stringify(nb));
      copy.cells[at].source = text.slice(0, match.index) + `**${changed}**` + text.slice(match.index! + match[0].length);
      edits.push({ edit: `**${bold}** → **${changed}**`, nb: copy });
    }
  });
  return edits;
}

/** Every bold number of `nb`'s text is printed by an output above it, and editing any one of them is caught. */
export function assertQuotesBacked(nb: Notebook, name: string): void {
  assert.deepEqual(unbackedQuotes(nb), [], name);
  for (const { edit, nb: edited } of withEachQuoteEdited(nb)) assert.equal(unbackedQuotes(edited).length, 1, `${name}: editing ${edit} goes unnoticed`);
}
