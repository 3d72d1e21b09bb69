export type Completeness = { status: 'complete' | 'incomplete' | 'invalid' | 'unknown'; indent?: string };

type Parse = (code: string, isJSX: boolean, isTypeScript: boolean, isFlow: boolean) => unknown;
let parse: Parse | undefined;

/** Open brackets at the end of `code`, skipping strings and comments, for the next line's indent. */
function openBrackets(code: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') i = code.indexOf('\n', i) < 0 ? code.length : code.indexOf('\n', i);
    else if (c === '/' && code[i + 1] === '*') i = code.indexOf('*/', i + 2) < 0 ? code.length : code.indexOf('*/', i + 2) + 1;
    else if (c === '"' || c === "'" || c === '`') {
      for (i++; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/**
 * is_complete_request (messaging spec "Code completeness"): a parse error at the very end of the
 * input means more lines are coming; an error anywhere else means the code is invalid as typed.
 */
export function isComplete(code: string): Completeness {
  if (typeof code !== 'string') return { status: 'unknown' };
  parse ??= (require('sucrase/dist/parser') as { parse: Parse }).parse;
  try {
    parse(code, false, true, false);
    return { status: 'complete' };
  } catch (err) {
    const e = err as Error & { pos?: number };
    if (typeof e.pos !== 'number') return { status: 'unknown' };
    if (/Unterminated string constant/.test(e.message)) return { status: 'invalid' };
    // Template literals and block comments may span lines: more input can still close them.
    if (/Unterminated (template|comment)/.test(e.message)) return { status: 'incomplete', indent: '' };
    if (e.pos >= code.trimEnd().length) return { status: 'incomplete', indent: '  '.repeat(Math.max(1, openBrackets(code))) };
    return { status: 'invalid' };
  }
}
