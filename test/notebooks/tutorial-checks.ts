import assert from 'node:assert/strict';
import { outputsOf, plain, type Notebook } from './run-tutorial';

// Checks shared by the tutorial tests: a clean run, the tables a tutorial prints, and the numbers its text quotes.

/** No cell failed and every cell type-checked (the kernel prints type errors on stderr). */
export function assertRanClean(nb: Notebook, name: string): void {
  const outputs = outputsOf(nb);
  const errors = outputs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`);
  assert.deepEqual(errors, [], `${name}: no cell fails`);
  const stderr = outputs.filter((o) => o.output_type === 'stream' && o.name === 'stderr').map(plain).join('');
  assert.doesNotMatch(stderr, /error TS\d+/, `${name} type-checks`);
}

export type Row = Record<string, string>;

/** The rows of the markdown table a cell displayed whose header row starts with `| ${first} |`, keyed by column name. */
export function tableOf(nb: Notebook, first: string): Row[] {
  const text = outputsOf(nb).map(plain).find((t) => t.startsWith(`| ${first} |`));
  assert.ok(text, `a table whose first column is "${first}"`);
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  const [header, , ...rows] = text.trim().split('\n');
  const names = cells(header);
  return rows.map((line) => Object.fromEntries(cells(line).map((c, i) => [names[i], c])));
}

/** The row whose first column is `key`. */
export function rowOf(rows: Row[], key: string): Row {
  const row = rows.find((r) => Object.values(r)[0] === key);
  assert.ok(row, `a row "${key}" in ${JSON.stringify(rows.map((r) => Object.values(r)[0]))}`);
  return row;
}

/** A number as a table or a summary prints it: "0.855", "81.3 %", "1,080", "11.1 s". */
export const num = (text: string): number => parseFloat(text.replace(/,/g, ''));

/**
 * A sentence of the text that quotes numbers in bold: `pattern` finds it, and `values` says, from
 * the outputs (and the match, whose groups may name which row it speaks of), what each bold number
 * in it must be, in order.
 */
export interface Claim {
  what: string;
  pattern: RegExp;
  values: (match: RegExpExecArray) => number[];
}

const BOLD_NUMBER = /\*\*([\d.,]+(?: %)?)\*\*/g;

/**
 * Every claim's bold numbers equal what the outputs say, and every bold number of the text belongs
 * to a claim, so a number edited in the text, or one added without a check, fails.
 */
export function assertQuotedNumbers(markdown: string, claims: Claim[]): void {
  let checked = 0;
  for (const claim of claims) {
    const match = claim.pattern.exec(markdown);
    assert.ok(match, `the text says ${claim.what} (${claim.pattern})`);
    const quoted = [...match[0].matchAll(BOLD_NUMBER)].map((m) => num(m[1]));
    const expected = claim.values(match);
    assert.ok(expected.every(Number.isFinite), `${claim.what}: the outputs give ${expected}`);
    assert.deepEqual(quoted, expected, `${claim.what}: the text quotes ${quoted.join(', ')}, the outputs show ${expected.join(', ')}`);
    checked += quoted.length;
  }
  const bold = [...markdown.matchAll(BOLD_NUMBER)].map((m) => m[1]);
  assert.equal(checked, bold.length, `every number quoted in bold is checked against the outputs (bold: ${bold.join(', ')})`);
}
