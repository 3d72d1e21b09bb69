type Parse = (code: string, isJSX: boolean, isTypeScript: boolean, isFlow: boolean) => { tokens: { type: number; start: number; end: number }[] };
let parse: Parse | undefined;

/**
 * IPython's rule for hiding a cell's result: the cell's last token, comments aside, is `;`.
 * So `await triplet.fit(...);` and `1 + 1;` show no result while `x` and `x // note` do; a `;`
 * inside a string or a comment does not count. Declarations (`const a = 1;`) have no result anyway.
 */
export function endsWithSemicolon(code: string): boolean {
  parse ??= (require('sucrase/dist/parser') as { parse: Parse }).parse;
  let tokens;
  try {
    tokens = parse(code, false, true, false).tokens;
  } catch {
    return false; // the cell ran, so it parses; should sucrase disagree, the result is shown
  }
  // The token list ends with an end-of-file token, which has no text.
  const last = tokens.filter((t) => t.end > t.start).pop();
  return last !== undefined && code.slice(last.start, last.end) === ';';
}
